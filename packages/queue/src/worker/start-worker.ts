import { hostname } from 'node:os';
import { TokenflowError } from '@tokenflow/core';
import { pipelineRowProcessor } from '@tokenflow/core/batch';
import { createGateway, type GatewayOptions, type ModelGateway } from '@tokenflow/core/gateway';
import { type LoadedPipeline, loadPipeline, type PipelineValidationOptions } from '@tokenflow/core/spec';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type BatchRecord, readBatch } from '../batch/batch-record.js';
import {
  bullPrefix,
  parseRowJob,
  type RowJobData,
  type RowJobResult,
  rowQueueName,
} from '../batch/row-job.js';
import { type RedisGovernor, redisGovernor } from '../governor/redis-governor.js';
import { openRedis } from '../redis/open-redis.js';

/** What a worker reports as it goes. */
export type WorkerEvent =
  | { type: 'worker-ready'; name: string }
  | { type: 'row-done'; batchId: string; rowId: string | number; ok: boolean }
  /** This worker cannot run a batch's pipeline: it leaves the batch's rows for other workers. */
  | { type: 'batch-refused'; batchId: string; message: string }
  /** A job that is not a tokenflow row, or is damaged; it failed (or went to its batch's errors file). */
  | { type: 'job-rejected'; jobId: string; reason: string }
  | { type: 'redis-error'; message: string };

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** The Redis that holds the queue, e.g. `redis://127.0.0.1:6379`. */
  queue: string;
  /**
   * Rows this worker runs at once.
   * @default 16
   */
  concurrency?: number;
  /** The tools batch pipelines may name (the CLI passes `@tokenflow/tools`'s built-in registry). */
  tools: PipelineValidationOptions['tools'];
  /**
   * Gateway options for every batch (the key, base URL, clock...). A batch's pipeline adds its model limits
   * and fallback chains; the shared governor is added unless `governor: false`.
   */
  gateway?: Omit<GatewayOptions, 'limits' | 'fallback' | 'governor'>;
  /**
   * Share one rate governor and circuit state with every process on this Redis (see `redisGovernor`).
   * @default true
   */
  governor?: boolean;
  /**
   * How long a worker holds a job before another may take it back (BullMQ's lock). A worker that dies
   * (kill -9) gives its rows back after this.
   * @default 30_000
   */
  lockDurationMs?: number;
  /**
   * A refused batch's row waits this long before a worker tries it again.
   * @default 5_000
   */
  refusedDelayMs?: number;
  /**
   * BullMQ's own global rate limiter (jobs started per duration, over every worker of the queue). Not needed
   * with the shared governor, which paces requests rather than rows; the benchmarks compare the two.
   * @default none
   */
  bullLimiter?: { max: number; durationMs: number };
  /** Progress and problems, for the CLI. */
  onEvent?: (event: WorkerEvent) => void;
  /** A name in `tokenflow status`. @default `<host>:<pid>` */
  name?: string;
}

/** A running worker. */
export interface WorkerHandle {
  readonly name: string;
  /**
   * Stops taking rows, lets the rows in hand finish (their results are kept), then disconnects. A
   * second call, or `force`, gives the rows in hand back to the queue at once instead. A forced close
   * ends at once even when Redis is unreachable: it stops the rows in hand and cuts the connections, and
   * their jobs go back to the queue when their locks expire (`lockDurationMs`), nothing lost.
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/** A batch as this worker runs it. */
type LoadedBatch =
  | { ok: true; record: BatchRecord; pipeline: LoadedPipeline; gateway: ModelGateway }
  | { ok: false; message: string };

/**
 * Starts a worker that runs rows of any batch queued on this Redis (by `runQueuedBatch` or
 * `tokenflow run --queue`). It loads each batch's pipeline from the batch's stored content and checks its
 * fingerprint, so every worker runs the version the batch was submitted with; a worker that cannot
 * (another tokenflow version) refuses the batch and leaves its rows to others. A row's pipeline error is the
 * row's result (it goes to the batch's errors file); a job that is not a tokenflow row fails alone.
 */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const emit = (event: WorkerEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // Observers' failures are theirs.
    }
  };
  const onRedisError = (error: Error) => emit({ type: 'redis-error', message: error.message });
  const redis = await openRedis(options.queue, { purpose: 'the worker', onError: onRedisError });
  const connections: Redis[] = [redis];
  const governor: RedisGovernor | undefined =
    options.governor === false ? undefined : redisGovernor({ redis, onError: onRedisError });
  const batches = new Map<string, Promise<LoadedBatch>>();
  const refused = new Set<string>();
  /** The rows this worker is running now, to stop when it must stop without Redis. */
  const rowsInHand = new Set<AbortController>();
  const name = options.name ?? `${hostname()}:${process.pid}`;

  const loadBatch = (batchId: string): Promise<LoadedBatch> => {
    let loaded = batches.get(batchId);
    if (!loaded) {
      loaded = load(batchId);
      batches.set(batchId, loaded);
    }
    return loaded;
  };

  const load = async (batchId: string): Promise<LoadedBatch> => {
    const key = batchId.slice(0, batchId.lastIndexOf('g'));
    const record = await readBatch(redis, key);
    if (!record) return { ok: false, message: `batch ${key} is not stored in this Redis` };
    let pipeline: LoadedPipeline;
    try {
      pipeline = await loadPipeline(
        { text: record.pipeline, file: `${record.file} (queued)`, baseDir: record.baseDir },
        { tools: options.tools },
      );
    } catch (error) {
      return {
        ok: false,
        message:
          `this worker cannot load the pipeline of batch ${key} (${record.name}): ` +
          `${error instanceof Error ? error.message : String(error)}. Run a worker of the tokenflow version that submitted it.`,
      };
    }
    if (pipeline.fingerprint !== record.fingerprint) {
      return {
        ok: false,
        message:
          `this worker reads the pipeline of batch ${key} (${record.name}) as ${pipeline.fingerprint}, ` +
          `but it was submitted as ${record.fingerprint}: another tokenflow version. Run a worker of the submitting version.`,
      };
    }
    const gateway = createGateway({
      ...options.gateway,
      ...pipeline.gatewayOptions,
      ...(governor ? { governor } : {}),
    });
    return { ok: true, record, pipeline, gateway };
  };

  const processJob = async (job: Job, token?: string, signal?: AbortSignal): Promise<RowJobResult> => {
    const parsed = parseRowJob(job.data);
    if (!parsed.ok) {
      emit({ type: 'job-rejected', jobId: String(job.id), reason: parsed.reason });
      // With a batch, the reason goes to its errors file; without one, the job fails alone.
      if (parsed.batchId) return rejected('queue_malformed_job', `Job ${String(job.id)}: ${parsed.reason}.`);
      throw new UnrecoverableError(`Job ${String(job.id)} is not a tokenflow row job: ${parsed.reason}.`);
    }
    const data: RowJobData = parsed.job;
    const batch = await loadBatch(data.batchId);
    if (!batch.ok) {
      if (!refused.has(data.batchId)) {
        refused.add(data.batchId);
        emit({ type: 'batch-refused', batchId: data.batchId, message: batch.message });
      }
      // Leave the row for another worker: back to the queue, a little later.
      await job.moveToDelayed(Date.now() + (options.refusedDelayMs ?? 5_000), token);
      throw new DelayedError();
    }
    const generation = Number(data.batchId.slice(data.batchId.lastIndexOf('g') + 1));
    if (generation !== batch.record.generation) {
      return rejected(
        'queue_stale_job',
        `Row ${String(data.rowId)} belongs to a restarted batch's earlier run.`,
      );
    }
    const run = pipelineRowProcessor(batch.pipeline.definition, { gateway: batch.gateway });
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    rowsInHand.add(controller);
    try {
      const result = await run(data.row, {
        signal: controller.signal,
        rowId: data.rowId,
        line: data.line,
        index: data.index,
      });
      emit({ type: 'row-done', batchId: data.batchId, rowId: data.rowId, ok: true });
      return { ok: true, output: result.output, calls: [...(result.calls ?? [])] };
    } catch (error) {
      if (controller.signal.aborted) throw error;
      emit({ type: 'row-done', batchId: data.batchId, rowId: data.rowId, ok: false });
      const failure = error as { code?: unknown; kind?: unknown; message?: unknown; calls?: unknown };
      return {
        ok: false,
        error: {
          code: typeof failure?.code === 'string' ? failure.code : 'row_failed',
          message: typeof failure?.message === 'string' ? failure.message : String(error),
          ...(typeof failure?.kind === 'string' ? { kind: failure.kind } : {}),
        },
        calls: Array.isArray(failure?.calls) ? failure.calls : [],
      };
    } finally {
      rowsInHand.delete(controller);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const workerConnection = redis.duplicate();
  connections.push(workerConnection);
  workerConnection.on('error', onRedisError);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker(rowQueueName, processJob, {
    connection: workerConnection,
    prefix: bullPrefix,
    concurrency: options.concurrency ?? 16,
    lockDuration,
    stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
    maxStalledCount: 5,
    name,
    ...(options.bullLimiter
      ? { limiter: { max: options.bullLimiter.max, duration: options.bullLimiter.durationMs } }
      : {}),
  });
  worker.on('error', (error) => onRedisError(error));
  await worker.waitUntilReady();
  emit({ type: 'worker-ready', name });

  let closing: Promise<void> | undefined;
  let forced: Promise<void> | undefined;
  const closeEverything = async (force: boolean): Promise<void> => {
    await worker.close(force);
    for (const loaded of batches.values()) {
      const batch = await loaded;
      if (batch.ok) await batch.gateway.close();
    }
    await governor?.close();
    for (const connection of connections) connection.disconnect();
  };
  /**
   * A forced close must end even when Redis is gone (every command waits for Redis, so BullMQ's close and
   * the governor's would wait forever): then the rows in hand are stopped and the connections cut first.
   * Their jobs stay active in Redis until their locks expire, and then another worker runs them: nothing
   * is lost, and nothing of theirs was stored.
   */
  const forceClose = async (): Promise<void> => {
    const redisGone = connections.some((connection) => connection.status !== 'ready');
    if (redisGone) {
      const reason = new TokenflowError(
        'queue_worker_stopped',
        'The worker was stopped while Redis was unreachable; the row goes back to the queue when its lock expires.',
      );
      for (const row of rowsInHand) row.abort(reason);
      for (const connection of connections) connection.disconnect();
    }
    await closeEverything(true).catch((error: unknown) => {
      if (!redisGone) throw error;
    });
  };
  return {
    name,
    close: async ({ force = false } = {}) => {
      if (force) {
        forced ??= forceClose();
        return forced;
      }
      // Once forced, a graceful close still waiting on Redis ends quietly with it.
      closing ??= closeEverything(false).catch((error: unknown) => {
        if (!forced) throw error;
      });
      return closing;
    },
  };
}

function rejected(code: string, message: string): RowJobResult {
  return { ok: false, error: { code, message }, calls: [] };
}
