// The `@tokenflow/core/flow` entry point: the pipeline builders, the plain pipeline definition both the
// builder and the YAML loader produce, the runner, and the type helpers the builder's signatures use.
// Every name here is published (api/core.flow.api.md); helpers stay in their files.

export type { TelemetryOptions } from '../telemetry/telemetry-options.js';
export type { AgentConfig } from './agent.js';
export { agent } from './agent.js';
export type {
  CompletedWork,
  StructuredOutputAttempt,
  ValidationIssue,
  ValidationTarget,
} from './errors/index.js';
export {
  AgentStepLimitError,
  LoopLimitError,
  RunCancelledError,
  RunFailedError,
  StepTimeoutError,
  StepValidationError,
  StructuredOutputError,
} from './errors/index.js';
export type { FlowEvent, FlowEventListener, FlowEventType, StepLocation } from './flow-events.js';
export type { GatewayLike } from './gateway-models.js';
export { gatewayModels } from './gateway-models.js';
export type { AnswerOf, LlmConfig } from './llm.js';
export { llm } from './llm.js';
export type { ModelProvider } from './model-provider.js';
export type {
  MapOptions,
  Pipeline,
  PipelineOptions,
  RunnablePipeline,
  UntilCheck,
  UntilOptions,
} from './pipeline.js';
export { pipeline } from './pipeline.js';
export type {
  AgentStepDefinition,
  BranchNode,
  ContextSelector,
  EscalationPolicy,
  FunctionStepDefinition,
  InputFunction,
  LlmStepDefinition,
  LoopNode,
  MapNode,
  ModelSettings,
  ParallelNode,
  PipelineDefinition,
  PipelineNode,
  RepairPolicy,
  RunContext,
  SequenceNode,
  StepDefinition,
  StepDefinitionBase,
  StepNode,
  StepRetryPolicy,
  StepRunContext,
  ThinkingSettings,
  ToolStepDefinition,
} from './pipeline-definition.js';
export { stepNode } from './pipeline-definition.js';
export type {
  AcceptsCheck,
  AnyStep,
  ElementMismatch,
  ElementOf,
  FlowContext,
  IdOf,
  InputMismatch,
  InputOf,
  LoopMismatch,
  MapCheck,
  NoResults,
  NotAnArray,
  OutputOf,
  Simplify,
  WithResult,
} from './pipeline-types.js';
export type { RunClock, RunOptions } from './run-options.js';
export { runPipeline } from './run-pipeline.js';
export type { RunResult, StepKind, StepRecord } from './run-result.js';
export type { StepConfig } from './step.js';
export { step } from './step.js';
export type { FlowRun } from './stream-pipeline.js';
export { streamPipeline } from './stream-pipeline.js';
export type { ToolArgsOf, ToolConfig } from './tool-step.js';
export { tool } from './tool-step.js';
