export { findRuns, type RunFiles } from './index/find-runs.js';
export { type RowTrace, readRowTrace, type WaterfallSpan } from './index/row-trace.js';
export { type FailedRow, RunIndex, type RunSummary } from './index/run-index.js';
export type { TimelineBucket } from './index/timeline.js';
export type { UsageRow } from './index/usage-table.js';
export {
  defaultUiPort,
  startUiServer,
  type UiServerHandle,
  type UiServerOptions,
} from './server/ui-server.js';
export { UiError, type UiErrorCode } from './ui-error.js';
