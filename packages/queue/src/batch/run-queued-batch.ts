import { resolve } from 'node:path';
import { type BatchEvent, type BatchSummary, type RunBatchOptions, runBatch } from '@tokenflow/core/batch';
import type { LoadedPipeline } from '@tokenflow/core/spec';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { openRedis } from '../redis/open-redis.js';
import { batchIdOf, batchKeyOf, figuresKey, storeBatch } from './batch-record.js';
import { queuedRowProcessor } from './queued-row-processor.js';
import { bullPrefix, rowQueueName } from './row-job.js';

/** Options of {@link runQueuedBatch}: those of `runBatch`, with a pipeline and a queue instead of `process`. */
export interface RunQueuedBatchOptions
  extends Omit<RunBatchOptions<Record<string, unknown>, unknown>, 'process' | 'fingerprint'> {
  /** The Redis that holds the queue, e.g. `redis://127.0.0.1:6379`. */
  queue: string;
  /** The pipeline every worker runs (stored in Redis with its fingerprint; workers load it from there). */
  pipeline: LoadedPipeline;
  /**
   * Rows queued and awaited at once. Workers decide how many run at once; this only has to keep them fed.
   * @default 256
   */
  concurrency?: number;
  /** Connection errors after the first connection (Redis lost; the run pauses and reconnects). */
  onRedisError?: (error: Error) => void;
}

/**
 * Runs a batch on workers (`startWorker`, `tokenflow worker`) through a BullMQ queue in Redis. The calling
 * process is the batch's submitter: it reads the input, queues each row as a job with an idempotent id,
 * follows the jobs, and writes the output, errors and journal files with `runBatch`'s exactly-once commits,
 * so resuming (running again after a crash) re-attaches to the jobs already queued and finishes.
 *
 * Why not `runBatch({ queue })`: core stays free of Redis and BullMQ; queue mode is a row processor
 * (`queuedRowProcessor`) plugged into the same `runBatch`, so files, journal, resume, budget and summary are
 * the very same code.
 *
 * Throws a `RedisConnectionError` (nothing queued) when Redis cannot be reached at the start.
 */
export async function runQueuedBatch(options: RunQueuedBatchOptions): Promise<BatchSummary> {
  const { queue: url, pipeline, onRedisError, ...batch } = options;
  const redis = await openRedis(url, {
    purpose: 'the batch queue',
    ...(onRedisError ? { onError: onRedisError } : {}),
  });
  const connections: Redis[] = [redis];
  let queue: Queue | undefined;
  let events: QueueEvents | undefined;
  try {
    const inputPath = typeof batch.input === 'string' ? batch.input : batch.input.path;
    const key = batchKeyOf(pipeline.fingerprint, inputPath, batch.output);
    const generation = await storeBatch(
      redis,
      {
        key,
        name: pipeline.name,
        pipeline: JSON.stringify(pipeline.spec),
        fingerprint: pipeline.fingerprint,
        file: pipeline.file,
        baseDir: pipeline.baseDir,
        input: resolve(inputPath),
        output: resolve(batch.output),
        createdAt: new Date().toISOString(),
      },
      batch.restart === true,
    );
    const batchId = batchIdOf(key, generation);
    const eventsConnection = redis.duplicate();
    connections.push(eventsConnection);
    const reportRedisError = (error: Error) => onRedisError?.(error);
    eventsConnection.on('error', reportRedisError);
    queue = new Queue(rowQueueName, { connection: redis, prefix: bullPrefix });
    events = new QueueEvents(rowQueueName, { connection: eventsConnection, prefix: bullPrefix });
    // One listener per row in flight (waitUntilFinished), by design.
    queue.setMaxListeners(0);
    events.setMaxListeners(0);
    queue.on('error', reportRedisError);
    events.on('error', reportRedisError);
    await events.waitUntilReady();
    const figures = figuresKey(batchId);
    let alreadyFinished = 0;
    const record = (fields: Record<string, string | number>) => {
      redis
        .hset(figures, { ...fields, updatedAt: new Date().toISOString() })
        .catch((error: unknown) => onRedisError?.(error as Error));
    };
    const onEvent = (event: BatchEvent) => {
      if (event.type === 'batch-start') {
        alreadyFinished = event.alreadyFinished;
        record({ total: event.totalRows ?? '', done: alreadyFinished, state: 'running' });
      } else if (event.type === 'row-end' || event.type === 'row-error') {
        const { progress } = event;
        record({ done: alreadyFinished + progress.done, failed: progress.failed, costUsd: progress.costUsd });
      } else if (event.type === 'batch-end') {
        record({ state: event.summary.stopReason });
      }
      batch.onEvent?.(event);
    };
    const summary = await runBatch({
      ...batch,
      concurrency: batch.concurrency ?? 256,
      fingerprint: pipeline.fingerprint,
      process: queuedRowProcessor({ queue, events, batchId }),
      onEvent,
    });
    // Awaited, unlike the updates on the way: `tokenflow status` must see how the run ended.
    await redis.hset(figures, { state: summary.stopReason, updatedAt: new Date().toISOString() });
    return summary;
  } finally {
    await events?.close().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    // quit() lets the figures written on the way reach Redis before the connection closes.
    for (const connection of connections) await connection.quit().catch(() => connection.disconnect());
  }
}
