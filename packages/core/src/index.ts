// The root of @tokenflow/core: what a user writes pipelines, agents, gateways and batch runs with.
// Advanced parts have their own entry points (`@tokenflow/core/flow`, `/gateway`, `/models`, `/spec`,
// `/batch`, each the index.ts of its folder); everything else is internal and may change in any release.
// api/core.index.api.md lists every name below, and a test fails when the two differ.

export type {
  BatchErrorCode,
  BatchEvent,
  BatchEventListener,
  BatchProgress,
  BatchSummary,
  RowContext,
  RowProcessor,
  RowResult,
  RunBatchOptions,
} from './batch/index.js';
export { BatchController, BatchError, pipelineRowProcessor, runBatch } from './batch/index.js';
export { TokenflowError } from './errors/index.js';
export type {
  AgentConfig,
  CompletedWork,
  FlowEvent,
  FlowEventListener,
  FlowRun,
  LlmConfig,
  Pipeline,
  PipelineOptions,
  RunOptions,
  RunResult,
  StepConfig,
  StepRecord,
  StructuredOutputAttempt,
  ToolConfig,
  ValidationIssue,
  ValidationTarget,
} from './flow/index.js';
export {
  AgentStepLimitError,
  agent,
  LoopLimitError,
  llm,
  pipeline,
  RunCancelledError,
  RunFailedError,
  runPipeline,
  StepTimeoutError,
  StepValidationError,
  StructuredOutputError,
  step,
  tool,
} from './flow/index.js';
export type {
  ErrorSummary,
  GatewayCallErrorData,
  GatewayEvent,
  GatewayEventListener,
  GatewayOptions,
  ModelGateway,
  ServedCall,
} from './gateway/index.js';
export { BudgetExceededError, createGateway, GatewayCallError } from './gateway/index.js';
export type {
  ChatTokenOffCallOptions,
  ChatTokenOffInput,
  TokenOffErrorData,
  TokenOffErrorKind,
  TokenUsage,
} from './models/index.js';
export { ChatTokenOff, isTokenOffError, TokenOffError } from './models/index.js';
export type { ToolContext, ToolFactory, ToolRegistry } from './registry/index.js';
export type { LoadedPipeline, PipelineSource, PipelineValidationOptions, SpecIssue } from './spec/index.js';
export { loadPipeline, PipelineSpecError } from './spec/index.js';
export type { TelemetryOptions } from './telemetry/telemetry-options.js';
