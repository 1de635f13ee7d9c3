// The `@tokenflow/core/batch` entry point: the batch runner, its options, events, summary and file
// lines, row processors, and the input-file helpers a progress display needs. Every name here is
// published (api/core.batch.api.md); the journal, readers and writers are internal.
export type { Clock } from '../async/index.js';
export type { TelemetryOptions } from '../telemetry/telemetry-options.js';
export type { BatchClock } from './batch-clock.js';
export { BatchController } from './batch-controller.js';
export type { BatchErrorCode } from './batch-error.js';
export { BatchError, batchErrorCodes } from './batch-error.js';
export type { BatchEvent, BatchEventListener, BatchProgress } from './batch-events.js';
export type { BatchRowMeta } from './batch-row-meta.js';
export type { BatchModelUsage, BatchRowCounts, BatchStopReason, BatchSummary } from './batch-summary.js';
export { countInputRows } from './count-input-rows.js';
export type { InputFormat } from './input-format.js';
export { detectInputFormat } from './input-format.js';
export type { RowErrorInfo } from './input-record.js';
export type { PipelineRowOptions } from './pipeline-row-processor.js';
export { PipelineRowError, pipelineRowProcessor } from './pipeline-row-processor.js';
export type { RowId } from './read-input-rows.js';
export type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
export type { RowContext, RowProcessor, RowResult } from './row-processor.js';
export { runBatch } from './run-batch.js';
export type {
  BatchDurabilityOptions,
  BatchInputOptions,
  BatchLimitOptions,
  BatchStopOptions,
  RunBatchOptions,
} from './run-batch-options.js';
