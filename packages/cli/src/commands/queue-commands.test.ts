import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl } from '../test-support/read-jsonl.js';
import { startRedisServer } from '../test-support/redis-server.js';
import { runCli, startCli } from '../test-support/run-cli.js';
import { writeTickets } from '../test-support/write-tickets.js';

const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;

describe('tokenflow run --queue, worker and status', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let dir: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    dir = await mkdtemp(join(tmpdir(), 'tokenflow-cli-queue-'));
    await writeTickets(join(dir, 'tickets.jsonl'), 6);
  });
  afterAll(async () => {
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a batch on a worker process, writes each row once, shows it in status, and the worker stops on SIGTERM', async () => {
    const worker = startCli(['worker', '--queue', redis.url, '--concurrency', '4'], { cwd: dir });
    try {
      await worker.waitFor('ready on');
      const run = await runCli(
        ['run', pipeline, '-i', 'tickets.jsonl', '-o', 'out/tickets.jsonl', '--queue', redis.url],
        { cwd: dir },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('Run completed.');
      const ids = (await readJsonl(join(dir, 'out', 'tickets.jsonl'))).map((line) => line.id);
      expect([...ids].sort()).toEqual(['t0001', 't0002', 't0003', 't0004', 't0005', 't0006']);

      const status = await runCli(['status', '--queue', redis.url], { cwd: dir });
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/completed {2}6\/6 rows \(0 failed\)/);
      expect(status.stdout).toContain('Workers: 1');
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.stderr()).toContain('tokenflow worker: stopped.');
  });

  it('refuses an unreachable Redis with exit code 2, naming the URL without its password, and writes nothing', async () => {
    const run = await runCli(
      [
        'run',
        pipeline,
        '-i',
        'tickets.jsonl',
        '-o',
        'refused/tickets.jsonl',
        '--queue',
        'redis://ops:topsecret@127.0.0.1:1',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot reach Redis at redis://***:***@127.0.0.1:1');
    expect(run.stderr).not.toContain('topsecret');
    await expect(access(join(dir, 'refused', 'tickets.jsonl'))).rejects.toThrow();
  });
});
