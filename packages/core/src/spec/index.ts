export type { AnalyzeOptions } from './analyze-pipeline-spec.js';
export { analyzePipelineSpec, defaultPipelineModel } from './analyze-pipeline-spec.js';
export type {
  AnalyzedCondition,
  AnalyzedModelSettings,
  AnalyzedPipeline,
  AnalyzedStep,
  ResolvedModels,
  TemplateValue,
  ToolReference,
} from './analyzed-pipeline.js';
export type { CompilePipelineOptions, RenderedPrompt } from './compile-pipeline.js';
export { compilePipeline } from './compile-pipeline.js';
export { closestMatch, editDistance, suggestFrom } from './did-you-mean.js';
export { evaluateCondition } from './evaluate-condition.js';
export { jsonSchemaToZod } from './json-schema-to-zod.js';
export type { LoadedPipeline, PipelineSource } from './load-pipeline.js';
export { loadPipeline } from './load-pipeline.js';
export type { ParsedYaml } from './parse-yaml-safely.js';
export { forbiddenKeys, parseYamlSafely } from './parse-yaml-safely.js';
export { canonicalJson, pipelineFingerprint } from './pipeline-fingerprint.js';
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
export {
  inputSpecSchema,
  modelsSpecSchema,
  pipelineSpecSchema,
  stepSpecSchema,
} from './pipeline-spec-schema.js';
export type { ScalarLayout, SourcePosition, SpecPath } from './source-locator.js';
export { formatSpecPath, SourceLocator } from './source-locator.js';
export type { SpecIssue, SpecIssueCode } from './spec-issue.js';
export { formatSpecIssue, sortSpecIssues } from './spec-issue.js';
export * from './template/index.js';
export type { TypeNotationResult } from './type-notation.js';
export { typeNotationToJsonSchema } from './type-notation.js';
export type { PipelineFileRead } from './validate-pipeline-file.js';
export { readPipelineFile, validatePipelineFile } from './validate-pipeline-file.js';
export type { PipelineValidation, PipelineValidationOptions } from './validate-pipeline-text.js';
export { validatePipelineText } from './validate-pipeline-text.js';
export type { ResolvedYamlLimits, YamlLimits } from './yaml-limits.js';
export { resolveYamlLimits } from './yaml-limits.js';
