import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real `tokenflow` binary, as users run it. */
export const tokenflowBin = fileURLToPath(new URL('../../bin/tokenflow.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout plus stderr contains `text` (or satisfies the predicate). */
  waitFor(text: string | RegExp | ((all: string) => boolean)): Promise<void>;
}

/** Starts `tokenflow <args>` as a child process with `env` on top of a clean environment. */
export function startCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): CliRun {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn(process.execPath, [tokenflowBin, ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { test: (text: string) => boolean; resolve: () => void }[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      if (waiter.test(out + err)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout?.on('data', (data: Buffer) => {
    out += data.toString();
    check();
  });
  child.stderr?.on('data', (data: Buffer) => {
    err += data.toString();
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text) {
      const test = (all: string): boolean =>
        typeof text === 'string'
          ? all.includes(text)
          : typeof text === 'function'
            ? text(all)
            : text.test(all);
      return new Promise<void>((resolve, reject) => {
        if (test(out + err)) return resolve();
        waiters.push({ test, resolve });
        void exited.then(() =>
          reject(
            new Error(`tokenflow exited before printing ${String(text)}.\nstdout:\n${out}\nstderr:\n${err}`),
          ),
        );
      });
    },
  };
}

/** Runs `tokenflow <args>` to the end. */
export async function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, options);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
