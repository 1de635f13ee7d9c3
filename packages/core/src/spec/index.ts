// The `@tokenflow/core/spec` entry point: loading and checking YAML pipelines, the format's types and
// JSON Schema, and what tooling reads from a loaded pipeline. Every name here is published
// (api/core.spec.api.md); the YAML reader, templates, type notation and suggestions are internal.
export { defaultPipelineModel } from './analyze-pipeline-spec.js';
export type {
  AnalyzedCondition,
  AnalyzedModelSettings,
  AnalyzedPipeline,
  AnalyzedStep,
  ResolvedModels,
  TemplateValue,
  ToolReference,
} from './analyzed-pipeline.js';
export type { LoadedPipeline, PipelineSource } from './load-pipeline.js';
export { loadPipeline } from './load-pipeline.js';
export { pipelineFingerprint } from './pipeline-fingerprint.js';
export type { PipelineGatewayOptions } from './pipeline-gateway-options.js';
export { modelsUsedBy, pipelineGatewayOptions } from './pipeline-gateway-options.js';
export { pipelineJsonSchema, pipelineJsonSchemaText } from './pipeline-json-schema.js';
export type {
  AgentStepSpec,
  BranchStepSpec,
  ConditionSpec,
  InnerStepSpec,
  InputSpec,
  JsonSchemaSpec,
  LlmStepSpec,
  MapStepSpec,
  ModelLimitsSpec,
  ModelsSpec,
  ParallelStepSpec,
  PipelineSpec,
  RepairSpec,
  StepSpec,
  ThinkingSpec,
  ToolReferenceSpec,
  ToolStepSpec,
  TypeNotation,
  WithOptionalId,
} from './pipeline-spec.js';
export { PipelineSpecError } from './pipeline-spec-error.js';
export type { SpecIssue, SpecIssueCode } from './spec-issue.js';
export { formatSpecIssue } from './spec-issue.js';
export { validatePipelineFile } from './validate-pipeline-file.js';
export type { PipelineValidation, PipelineValidationOptions } from './validate-pipeline-text.js';
export { validatePipelineText } from './validate-pipeline-text.js';
export type { YamlLimits } from './yaml-limits.js';
