/**
 * Starts `emulator-child.ts` in its own Node process (loopback, free port) and talks to it over
 * stdin/stdout: the base URL from the first line, then stats, the request log and fault changes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EmulatorStats, ModelFaults } from '@tokenflow/emulator';

/** One generate request as the emulator answered it. */
export interface EmulatorLogEntry {
  model: string;
  status: number;
  /** Epoch ms when the emulator decided the status. */
  time: number;
}

export interface EmulatorProcess {
  url: string;
  stats(): Promise<EmulatorStats>;
  log(): Promise<EmulatorLogEntry[]>;
  setFaults(faults: Record<string, ModelFaults>): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(faults: Record<string, ModelFaults>): Promise<EmulatorProcess> {
  const script = fileURLToPath(new URL('./emulator-child.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(faults)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.stdout === null || child.stdin === null) throw new Error('the emulator process has no stdio');
  const stdin = child.stdin;
  const lines = createInterface({ input: child.stdout });
  const pending = new Map<number, (value: unknown) => void>();
  let url: string | undefined;
  let nextId = 1;
  const ready = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      if (url === undefined) {
        url = line.trim();
        resolve(url);
        return;
      }
      const reply = JSON.parse(line) as { id: number; value: unknown };
      pending.get(reply.id)?.(reply.value);
      pending.delete(reply.id);
    });
  });
  const ask = <T>(type: string, extra: object = {}): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (value) => resolve(value as T));
      stdin.write(`${JSON.stringify({ id, type, ...extra })}\n`);
    });
  const exited = once(child, 'exit');
  return {
    url: await ready,
    stats: () => ask<EmulatorStats>('stats'),
    log: () => ask<EmulatorLogEntry[]>('log'),
    setFaults: async (next) => {
      await ask<boolean>('set-faults', { faults: next });
    },
    close: async () => {
      stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
