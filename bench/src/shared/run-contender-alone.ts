/**
 * Runs one throughput contender in a process of its own (shared/throughput-child.ts) and returns what it
 * measured: the timed run, and the time of each untimed warm run before it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { GatewayQuotaSetup } from './throughput-contenders.js';

const child = fileURLToPath(new URL('./throughput-child.ts', import.meta.url));

export interface AloneRun {
  seconds: number;
  cpuMs: number;
  lost: number;
  warmSeconds: number[];
}

export async function runContenderAlone(setup: {
  key: string;
  url: string;
  concurrency: number;
  rows: number;
  warmRuns: number;
  quota: GatewayQuotaSetup;
}): Promise<AloneRun> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      child,
      setup.key,
      setup.url,
      String(setup.concurrency),
      String(setup.rows),
      String(setup.quota.rpmKnown),
      String(setup.quota.pacing),
      String(setup.warmRuns),
    ],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as AloneRun;
}
