export type { BatchClock } from './batch-clock.js';
export { systemBatchClock } from './batch-clock.js';
export { BatchController } from './batch-controller.js';
export type { BatchErrorCode } from './batch-error.js';
export { BatchError, batchErrorCodes } from './batch-error.js';
export type { BatchEvent, BatchEventListener, BatchProgress } from './batch-events.js';
export type { JournalCommit, JournalSession } from './batch-journal.js';
export { journalVersion } from './batch-journal.js';
export type { BatchRowMeta } from './batch-row-meta.js';
export type { BatchModelUsage, BatchRowCounts, BatchStopReason, BatchSummary } from './batch-summary.js';
export { countInputRows } from './count-input-rows.js';
export type { InputFormat } from './input-format.js';
export { detectInputFormat } from './input-format.js';
export type { InputIdentity } from './input-identity.js';
export type { InputReadOptions, InputRecord, RowErrorInfo } from './input-record.js';
export type { PipelineRowOptions } from './pipeline-row-processor.js';
export { callsOfRecords, PipelineRowError, pipelineRowProcessor } from './pipeline-row-processor.js';
export type { InputRow, ReadInputRowsOptions, RowId } from './read-input-rows.js';
export { readInputRows } from './read-input-rows.js';
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
