import { Queue } from 'bullmq';
import { type BatchFigures, batchesKey, batchIdOf, readBatch, readFigures } from '../batch/batch-record.js';
import { bullPrefix, rowQueueName } from '../batch/row-job.js';
import { openRedis } from '../redis/open-redis.js';

/** One batch as `tokenflow status` shows it. */
export interface BatchStatus extends BatchFigures {
  /** The batch key (`tokenflow status --queue URL <key>` shows this batch alone). */
  key: string;
  generation: number;
  name: string;
  input: string;
  output: string;
  createdAt: string;
}

/** What a queue holds now: batches, jobs by state, and the workers connected. */
export interface QueueStatus {
  batches: BatchStatus[];
  jobs: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  workers: { name: string; address: string; idleSeconds: number }[];
}

/**
 * Reads the batches, job counts and workers of the queue at `url` (most recent batch first). With
 * `batch`, only batches whose key starts with it.
 */
export async function queueStatus(url: string, batch?: string): Promise<QueueStatus> {
  const redis = await openRedis(url, { purpose: 'tokenflow status' });
  const queue = new Queue(rowQueueName, { connection: redis, prefix: bullPrefix });
  try {
    const keys = await redis.zrevrange(batchesKey, 0, 99);
    const batches: BatchStatus[] = [];
    for (const key of keys) {
      if (batch !== undefined && !key.startsWith(batch)) continue;
      const record = await readBatch(redis, key);
      if (!record) continue;
      const figures = await readFigures(redis, batchIdOf(key, record.generation));
      batches.push({
        key,
        generation: record.generation,
        name: record.name,
        input: record.input,
        output: record.output,
        createdAt: record.createdAt,
        ...figures,
      });
    }
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const workers = (await queue.getWorkers()).map((worker) => ({
      // BullMQ names the client `<prefix>:<base64 queue>:w:<worker name>`.
      name: String(worker.rawname ?? '').split(':w:')[1] ?? String(worker.name ?? ''),
      address: String(worker.addr ?? ''),
      idleSeconds: Number(worker.idle ?? 0),
    }));
    return {
      batches,
      jobs: {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
      },
      workers,
    };
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}
