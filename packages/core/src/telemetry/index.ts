export { errorTypeOf } from './error-type.js';
export type { ModelCallDescription, ModelCallOutcome } from './model-call-trace.js';
export { ModelCallTrace } from './model-call-trace.js';
export { RunTelemetry } from './run-telemetry.js';
export type { TelemetryInstruments } from './telemetry-metrics.js';
export {
  genAi,
  genAiOperations,
  instrumentationScope,
  metricNames,
  spanEvents,
  spanNames,
  tokenflowAttributes,
  tokenOffProvider,
} from './telemetry-names.js';
export type { TelemetryOptions } from './telemetry-options.js';
