import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** The examples package folder: scripts run from there, as `pnpm --filter @tokenflow/examples ...` does. */
export const examplesDir = fileURLToPath(new URL('../..', import.meta.url));
const tokenflowBin = require
  .resolve('@tokenflow/cli/package.json')
  .replace(/package\.json$/, 'bin/tokenflow.js');

export interface ExampleRun {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once the combined output matches. */
  waitFor(test: RegExp): Promise<void>;
}

function start(command: string[], env: Record<string, string>): ExampleRun {
  const child = spawn(process.execPath, command, {
    cwd: examplesDir,
    // No TOKENOFF_API_KEY: every example runs offline against its built-in emulator.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters: { test: RegExp; resolve: () => void }[] = [];
  const onData = (data: Buffer): void => {
    text += data.toString();
    for (const waiter of [...waiters]) {
      if (waiter.test.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  // 'close', not 'exit': it comes once stdout and stderr are read to their end, so `output()` is complete.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (test) =>
      new Promise<void>((resolve, reject) => {
        if (test.test(text)) return resolve();
        waiters.push({ test, resolve });
        void exited.then(() => reject(new Error(`the example exited before printing ${test}:\n${text}`)));
      }),
  };
}

/** Starts `node --import tsx src/<script>` with `args`, as the package scripts do. */
export function startScript(script: string, args: string[], env: Record<string, string>): ExampleRun {
  return start(['--import', 'tsx', `src/${script}`, ...args], env);
}

/** Starts the real `tokenflow` binary with `args`. */
export function startTokenflow(args: string[], env: Record<string, string> = {}): ExampleRun {
  return start([tokenflowBin, ...args], env);
}

/** Runs to the end; resolves with the exit code and everything printed. */
export async function finish(run: ExampleRun): Promise<{ code: number | null; output: string }> {
  const code = await run.exited;
  return { code, output: run.output() };
}
