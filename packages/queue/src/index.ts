// @tokenflow/queue: tokenflow beyond one machine. A rate governor and circuit state in Redis shared by every
// process on one API key, and batch runs spread over workers with BullMQ.
export type { BatchFigures, BatchRecord } from './batch/batch-record.js';
export { QueuedRowError } from './batch/queued-row-error.js';
export { type QueuedRowProcessorOptions, queuedRowProcessor } from './batch/queued-row-processor.js';
export type { RowJobData, RowJobResult } from './batch/row-job.js';
export { type RunQueuedBatchOptions, runQueuedBatch } from './batch/run-queued-batch.js';
export { governorKeys, keyPrefix } from './governor/governor-keys.js';
export { RedisGovernor, type RedisGovernorOptions, redisGovernor } from './governor/redis-governor.js';
export { type OpenRedisOptions, openRedis } from './redis/open-redis.js';
export { redactRedisUrl } from './redis/redact-redis-url.js';
export { RedisConnectionError } from './redis/redis-connection-error.js';
export { type BatchStatus, type QueueStatus, queueStatus } from './status/queue-status.js';
export {
  type StartWorkerOptions,
  startWorker,
  type WorkerEvent,
  type WorkerHandle,
} from './worker/start-worker.js';
