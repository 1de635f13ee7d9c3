import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnectionError } from '../redis/redis-connection-error.js';
import { queueStatus } from '../status/queue-status.js';
import { batchFixture, noTools } from '../test-support/batch-fixture.js';
import { type RedisServerHandle, startRedisServer } from '../test-support/redis-server.js';
import { startWorker, type WorkerEvent, type WorkerHandle } from '../worker/start-worker.js';
import { batchIdOf, batchKey, batchKeyOf } from './batch-record.js';
import { bullPrefix, rowJobId, rowQueueName } from './row-job.js';
import { runQueuedBatch } from './run-queued-batch.js';

const apiKey = 'tk-live-QUEUE-SECRET-88d1f0';
const model = 'gemini-2.5-flash-lite';

describe('queued batch runs', () => {
  let redis: RedisServerHandle;
  let emulator: EmulatorHandle;
  let inspector: Redis;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await startEmulator({ apiKeys: [apiKey] });
    inspector = new Redis(redis.url);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    emulator.setFaults({});
    await inspector.flushall();
  });
  afterAll(async () => {
    inspector.disconnect();
    await emulator?.close();
    await redis?.dispose();
  });

  async function worker(
    events: WorkerEvent[] = [],
    options: { refusedDelayMs?: number; name?: string; onEvent?: (event: WorkerEvent) => void } = {},
  ): Promise<WorkerHandle> {
    const handle = await startWorker({
      queue: redis.url,
      concurrency: 4,
      tools: noTools,
      gateway: { apiKey, baseUrl: emulator.url },
      ...(options.refusedDelayMs === undefined ? {} : { refusedDelayMs: options.refusedDelayMs }),
      ...(options.name === undefined ? {} : { name: options.name }),
      onEvent: (event) => {
        events.push(event);
        options.onEvent?.(event);
      },
    });
    cleanups.push(() => handle.close());
    return handle;
  }

  async function fixture(rows: number) {
    const made = await batchFixture(rows);
    cleanups.push(made.dispose);
    await mkdir(dirname(made.output), { recursive: true });
    return made;
  }

  it('runs every row once on two workers, and the submitter writes the files and the summary', async () => {
    const batch = await fixture(30);
    await worker([], { name: 'worker-a' });
    await worker([], { name: 'worker-b' });
    const summary = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
    });
    expect(summary).toMatchObject({ stopReason: 'completed', rows: { done: 30, failed: 0 } });
    expect(summary.costUsd).toBeGreaterThan(0);
    const ids = (await batch.lines(batch.output)).map((line) => line.id);
    expect(new Set(ids).size).toBe(30);
    expect(ids).toHaveLength(30);
    // `tokenflow status` reads the batch's progress and cost, and the two workers by name.
    const status = await queueStatus(redis.url);
    expect(status.batches).toEqual([
      expect.objectContaining({ name: 'label-rows', state: 'completed', total: 30, done: 30, failed: 0 }),
    ]);
    expect(status.batches[0]?.costUsd).toBeCloseTo(summary.costUsd, 9);
    expect(status.workers.map((entry) => entry.name).sort()).toEqual(['worker-a', 'worker-b']);

    // Submitting the same batch again adds nothing: every row is finished in the journal.
    const queue = new Queue(rowQueueName, { connection: inspector, prefix: bullPrefix });
    const jobsBefore = await queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed', 'failed');
    const again = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
    });
    expect(again.rows).toMatchObject({ done: 0, skipped: 30 });
    expect(await queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed', 'failed')).toBe(
      jobsBefore,
    );
    await queue.close();
  });

  it("writes a row that failed on a worker to the errors file with the worker's error code and kind", async () => {
    emulator.setFaults({ [model]: { rates: { promptBlocked: 1 } } });
    const batch = await fixture(3);
    await worker();
    const summary = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
    });
    expect(summary.rows).toMatchObject({ done: 0, failed: 3 });
    const errors = await batch.lines(batch.errors);
    expect(errors.map((line) => (line.error as { kind?: string }).kind)).toEqual([
      'blocked',
      'blocked',
      'blocked',
    ]);
  });

  it('sends a damaged job of the batch to its errors file with a reason, and fails a foreign job alone', async () => {
    const batch = await fixture(3);
    const queue = new Queue(rowQueueName, { connection: inspector, prefix: bullPrefix });
    cleanups.push(() => queue.close());
    const foreign = await queue.add('something-else', { hello: 'world' }, { jobId: 'foreign-1' });
    // The job row r2 of this batch will have, already queued, but damaged (no row in it).
    const batchId = batchIdOf(batchKeyOf(batch.pipeline.fingerprint, batch.input, batch.output), 1);
    const row2 = { id: 'r2', text: 'Row number 2.' };
    await queue.add(
      'row',
      { kind: 'tokenflow-row', version: 1, batchId, rowId: 'r2', line: 2, index: 1 },
      { jobId: rowJobId(batchId, 'r2', row2) },
    );
    const events: WorkerEvent[] = [];
    await worker(events);
    const summary = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
    });
    expect(summary.rows).toMatchObject({ done: 2, failed: 1 });
    const [damaged] = await batch.lines(batch.errors);
    expect(damaged).toMatchObject({ id: 'r2', error: { code: 'queue_malformed_job' } });
    expect(JSON.stringify(damaged?.error)).toContain('row is missing');
    const failed = await queue.getJob(String(foreign.id));
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.failedReason).toContain('not a tokenflow row job');
    expect(events).toContainEqual(expect.objectContaining({ type: 'job-rejected', jobId: 'foreign-1' }));
  });

  it('refuses an unreachable Redis naming its URL without credentials, and writes nothing', async () => {
    const batch = await fixture(2);
    const failure = await runQueuedBatch({
      queue: 'redis://worker:s3cret-pass@127.0.0.1:1',
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RedisConnectionError);
    expect((failure as Error).message).toContain('redis://***:***@127.0.0.1:1');
    expect((failure as Error).message).not.toContain('s3cret');
    expect(await batch.lines(batch.output)).toEqual([]);
  });

  it('leaves the rows of a batch a worker cannot run (another version) to other workers, saying why', async () => {
    const batch = await fixture(4);
    let stored: () => void = () => undefined;
    const batchStored = new Promise<void>((resolve) => {
      stored = resolve;
    });
    const run = runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
      onEvent: (event) => {
        if (event.type === 'batch-start') stored();
      },
    });
    await batchStored;
    // As a worker of another tokenflow version would read it: another fingerprint for the same pipeline.
    const key = batchKey(batchKeyOf(batch.pipeline.fingerprint, batch.input, batch.output));
    await inspector.hset(key, 'fingerprint', 'sha256:as-another-version-reads-it');
    let refusedOnce: () => void = () => undefined;
    const refused = new Promise<void>((resolve) => {
      refusedOnce = resolve;
    });
    const events: WorkerEvent[] = [];
    const old = await worker(events, {
      refusedDelayMs: 100,
      onEvent: (event) => {
        if (event.type === 'batch-refused') refusedOnce();
      },
    });
    await refused;
    await old.close();
    await inspector.hset(key, 'fingerprint', batch.pipeline.fingerprint);
    await worker();
    const summary = await run;
    expect(summary.rows).toMatchObject({ done: 4, failed: 0 });
    expect(events.filter((event) => event.type === 'row-done')).toEqual([]);
    const refusal = events.find((event) => event.type === 'batch-refused');
    expect(refusal && 'message' in refusal && refusal.message).toMatch(/another tokenflow version/);
  });
});
