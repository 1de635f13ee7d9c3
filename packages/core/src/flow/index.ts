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
  formatPath,
  LoopLimitError,
  RunCancelledError,
  RunFailedError,
  StepTimeoutError,
  StepValidationError,
  StructuredOutputError,
} from './errors/index.js';
export type { FlowEvent, FlowEventListener, FlowEventType, StepLocation } from './flow-events.js';
export type { GatewayLike } from './gateway-models.js';
export { chatModelSettings, gatewayModels } from './gateway-models.js';
export { toGeminiResponseSchema } from './gemini-response-schema.js';
export type { AnswerOf, LlmConfig } from './llm.js';
export { llm } from './llm.js';
export type { MessageUsage } from './message-usage.js';
export { catalogCost, messageUsage } from './message-usage.js';
export type { ModelProvider } from './model-provider.js';
export { catalogFallbackChain } from './model-provider.js';
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
export { stepIdsOf, stepNode } from './pipeline-definition.js';
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
export type { CheckResult } from './validate-value.js';
export { checkValue, toValidationIssues, validateValue } from './validate-value.js';
