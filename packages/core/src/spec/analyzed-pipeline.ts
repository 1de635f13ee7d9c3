import type {
  JsonSchemaSpec,
  ModelLimitsSpec,
  PipelineSpec,
  StepSpec,
  ThinkingSpec,
  WithOptionalId,
} from './pipeline-spec.js';
import type { SpecPath } from './source-locator.js';
import type { ParsedTemplate } from './template/template-expression.js';

/**
 * A pipeline file after every check: templates parsed, output types turned into JSON Schema, models
 * resolved. What the compiler turns into a `PipelineDefinition`; plain data, no functions.
 */
export interface AnalyzedPipeline {
  readonly spec: PipelineSpec;
  readonly models: ResolvedModels;
  readonly input: { readonly idField?: string; readonly schema?: JsonSchemaSpec };
  readonly steps: readonly AnalyzedStep[];
  readonly output?: TemplateValue;
}

/** The models section with defaults filled in. */
export interface ResolvedModels {
  /** Model for steps that name none. @default 'gemini-2.5-flash' */
  readonly default: string;
  readonly fallback: readonly string[];
  readonly limits: Readonly<Record<string, ModelLimitsSpec>>;
}

/** A value with templates in its strings: tool arguments, the output row. */
export type TemplateValue =
  | { readonly kind: 'template'; readonly template: ParsedTemplate }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'list'; readonly items: readonly TemplateValue[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, TemplateValue])[] };

/** A tool as named in the file. */
export interface ToolReference {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly path: SpecPath;
}

/** A branch condition with its templates parsed. */
export type AnalyzedCondition =
  | {
      readonly kind: 'test';
      readonly value: ParsedTemplate;
      readonly tests: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'all' | 'any'; readonly conditions: readonly AnalyzedCondition[] }
  | { readonly kind: 'not'; readonly condition: AnalyzedCondition };

interface AnalyzedStepBase {
  readonly id: string;
  readonly path: SpecPath;
  readonly spec: StepSpec | WithOptionalId<StepSpec>;
  readonly timeoutMs?: number;
}

/** Settings shared by `llm` and `agent` steps, with the model resolved. */
export interface AnalyzedModelSettings {
  readonly model: string;
  readonly system?: ParsedTemplate;
  readonly outputSchema?: JsonSchemaSpec;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly thinking?: ThinkingSpec;
  readonly repairAttempts?: number;
  readonly escalate?: readonly string[];
}

/** Every step kind after analysis. */
export type AnalyzedStep =
  | (AnalyzedStepBase & AnalyzedModelSettings & { readonly kind: 'llm'; readonly prompt: ParsedTemplate })
  | (AnalyzedStepBase & {
      readonly kind: 'tool';
      readonly tool: ToolReference;
      readonly input?: TemplateValue;
      readonly outputSchema?: JsonSchemaSpec;
      readonly retry?: { readonly attempts?: number; readonly delayMs?: number };
    })
  | (AnalyzedStepBase &
      AnalyzedModelSettings & {
        readonly kind: 'agent';
        readonly prompt: ParsedTemplate;
        readonly tools: readonly ToolReference[];
        readonly maxSteps?: number;
        readonly toolConcurrency?: number;
      })
  | (AnalyzedStepBase & {
      readonly kind: 'map';
      readonly over: ParsedTemplate;
      readonly concurrency?: number;
      readonly body: readonly AnalyzedStep[];
    })
  | (AnalyzedStepBase & { readonly kind: 'parallel'; readonly steps: readonly AnalyzedStep[] })
  | (AnalyzedStepBase & {
      readonly kind: 'branch';
      readonly when: AnalyzedCondition;
      /** The `then` steps (named like the definition's `BranchNode`, not `then`, to never look like a promise). */
      readonly whenTrue: readonly AnalyzedStep[];
      readonly whenFalse?: readonly AnalyzedStep[];
    });
