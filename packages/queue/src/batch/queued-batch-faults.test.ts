import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { batchFixture, noTools } from '../test-support/batch-fixture.js';
import { emulatorGate } from '../test-support/emulator-gate.js';
import { type QueueChild, startQueueChild } from '../test-support/queue-child.js';
import { type RedisServerHandle, startRedisServer } from '../test-support/redis-server.js';
import { startWorker, type WorkerEvent } from '../worker/start-worker.js';
import { runQueuedBatch } from './run-queued-batch.js';

const apiKey = 'tk-live-FAULTS-SECRET-3be0aa';
const model = 'gemini-2.5-flash-lite';
/** Short locks, so a killed worker's rows come back within seconds (an event the test awaits, not a timer). */
const lockDurationMs = 2_000;

describe('queued batch runs under faults', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  /** A Redis, an emulator whose answers wait behind a gate, and a batch folder of `rows` rows. */
  async function setup(rows: number, redisOptions: { appendOnly?: boolean } = {}) {
    const redis: RedisServerHandle = await startRedisServer(redisOptions);
    cleanups.push(() => redis.dispose());
    const gate = emulatorGate();
    const emulator: EmulatorHandle = await startEmulator({
      apiKeys: [apiKey],
      sleep: gate.sleep,
      faults: { [model]: { latency: { firstByteMs: 1 } } },
    });
    cleanups.push(() => emulator.close());
    const batch = await batchFixture(rows);
    cleanups.push(batch.dispose);
    const child = (mode: 'worker' | 'submit', concurrency = 4): QueueChild => {
      const started = startQueueChild(mode, {
        queue: redis.url,
        apiKey,
        baseUrl: emulator.url,
        concurrency,
        lockDurationMs,
        dir: batch.dir,
      });
      cleanups.push(() => started.kill());
      return started;
    };
    const worker = async (onEvent: (event: WorkerEvent) => void = () => undefined) => {
      const handle = await startWorker({
        queue: redis.url,
        concurrency: 4,
        lockDurationMs,
        tools: noTools,
        gateway: { apiKey, baseUrl: emulator.url },
        onEvent,
      });
      cleanups.push(() => handle.close({ force: true }));
      return handle;
    };
    const submit = (onRedisError?: (error: Error) => void) =>
      runQueuedBatch({
        queue: redis.url,
        pipeline: batch.pipeline,
        input: { path: batch.input, idField: 'id' },
        output: batch.output,
        ...(onRedisError ? { onRedisError } : {}),
      });
    const sentPerRow = () => {
      const counts = new Map<string, number>();
      for (const request of emulator.requests) {
        if (request.action !== 'generateContent') continue;
        const text = JSON.stringify(request.body).match(/Row number (\d+)/)?.[1] ?? '?';
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      return counts;
    };
    return { redis, gate, emulator, batch, child, worker, submit, sentPerRow };
  }

  it('gives the rows of a worker killed with -9 to another worker: none lost, none twice, at most its concurrency re-sent', async () => {
    const { gate, batch, child, worker, submit, sentPerRow } = await setup(20);
    const doomed = child('worker', 4);
    await doomed.waitFor((line) => line === 'ready');
    const run = submit();
    await gate.held(4);
    await doomed.kill();
    gate.release();
    await worker();
    const summary = await run;
    expect(summary.rows).toMatchObject({ done: 20, failed: 0 });
    const ids = (await batch.lines(batch.output)).map((line) => line.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    const sent = [...sentPerRow().values()];
    expect(sent).toHaveLength(20);
    const resent = sent.reduce((sum, count) => sum + count - 1, 0);
    expect(resent).toBeGreaterThan(0);
    expect(resent).toBeLessThanOrEqual(4);
  });

  it('pauses while Redis is down and finishes once it is back (AOF on): every row once', async () => {
    const { redis, gate, batch, worker, submit } = await setup(12, { appendOnly: true });
    let workerSawLoss: () => void = () => undefined;
    const workerLost = new Promise<void>((resolve) => {
      workerSawLoss = resolve;
    });
    await worker((event) => {
      if (event.type === 'redis-error') workerSawLoss();
    });
    let submitterSawLoss: () => void = () => undefined;
    const submitterLost = new Promise<void>((resolve) => {
      submitterSawLoss = resolve;
    });
    const run = submit(() => submitterSawLoss());
    await gate.held(4);
    await redis.stop();
    await Promise.all([workerLost, submitterLost]);
    await redis.start();
    gate.release();
    const summary = await run;
    expect(summary.rows).toMatchObject({ done: 12, failed: 0 });
    const ids = (await batch.lines(batch.output)).map((line) => line.id);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
  });

  it('stops a worker at once on a forced close while Redis is down; its rows come back to another worker, none lost', async () => {
    const { redis, gate, batch, worker, submit } = await setup(8, { appendOnly: true });
    let workerSawLoss: () => void = () => undefined;
    const workerLost = new Promise<void>((resolve) => {
      workerSawLoss = resolve;
    });
    const first = await worker((event) => {
      if (event.type === 'redis-error') workerSawLoss();
    });
    const run = submit();
    await gate.held(4);
    await redis.stop();
    await workerLost;
    // The graceful close waits for Redis to store the rows in hand; the forced one must not wait at all.
    void first.close();
    await first.close({ force: true });
    await redis.start();
    await worker();
    gate.release();
    const summary = await run;
    expect(summary.rows).toMatchObject({ done: 8, failed: 0 });
    const ids = (await batch.lines(batch.output)).map((line) => line.id);
    expect(new Set(ids).size).toBe(8);
    expect(ids).toHaveLength(8);
  });

  it('re-attaches when the submitter was killed and the same batch is submitted again: no row sent twice', async () => {
    const { gate, batch, child, worker, submit, sentPerRow } = await setup(12);
    await worker();
    const first = child('submit');
    await first.waitFor((line) => line === 'ready');
    await gate.held(4);
    await first.kill();
    gate.release();
    const summary = await submit();
    expect(summary.rows).toMatchObject({ done: 12, failed: 0 });
    const ids = (await batch.lines(batch.output)).map((line) => line.id);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
    expect([...sentPerRow().values()].every((count) => count === 1)).toBe(true);
    expect(sentPerRow().size).toBe(12);
  });
});
