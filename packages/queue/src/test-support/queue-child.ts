import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./queue-process.ts', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

/** A worker or submitter in a child process (see queue-process.ts), with its printed lines. */
export interface QueueChild {
  child: ChildProcess;
  lines: string[];
  /** Resolves once a printed line satisfies `test`. */
  waitFor(test: (line: string) => boolean): Promise<void>;
  /** kill -9, and wait for the process to be gone. */
  kill(): Promise<void>;
}

export function startQueueChild(mode: 'worker' | 'submit', config: Record<string, unknown>): QueueChild {
  const child = spawn(
    process.execPath,
    ['--conditions=@tokenflow/source', '--import', tsx, script, mode, JSON.stringify(config)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  let partial = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
  });
  const exited = once(child, 'exit');
  return {
    child,
    lines,
    waitFor: (test) =>
      lines.some(test)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ test, resolve });
            void exited.then(() => reject(new Error(`the ${mode} process exited first: ${errors}`)));
          }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
