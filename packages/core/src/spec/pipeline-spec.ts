/**
 * The YAML pipeline format as plain TypeScript types: what `pipelineSpecSchema` (internal) accepts.
 * Keys are snake_case as written in the file. See `README.md` in this folder for the full format.
 */

/** A compact output type: `string`, `"string[]"`, `"a|b|c"`, `{ field: type, "optional?": type }`, `[type]`. */
export type TypeNotation = string | readonly TypeNotation[] | { readonly [field: string]: TypeNotation };

/** A JSON Schema object, as written in the file. */
export type JsonSchemaSpec = { readonly [keyword: string]: unknown };

/** A tool by name, or by name with options for its factory. */
export type ToolReferenceSpec =
  | string
  | { readonly name: string; readonly options?: Record<string, unknown> };

/** Thinking controls: `level` for Gemini 3 models, `budget` (tokens) for 2.5 models. */
export interface ThinkingSpec {
  readonly level?: 'minimal' | 'low' | 'medium' | 'high';
  readonly budget?: number;
}

/** Repairs of a structured answer that does not match the output schema, and where to escalate. */
export interface RepairSpec {
  readonly attempts?: number;
  readonly escalate?: readonly string[];
}

/** Requests, tokens and in-flight calls allowed per model. */
export interface ModelLimitsSpec {
  /**
   * Requests per minute; `none`: the model has no per-minute quota (no window, never paced); `unknown`: no
   * window until a 429 names the quota, paced until then (the gateway's `rpm: Infinity` and `'unknown'`).
   */
  readonly rpm?: number | 'none' | 'unknown';
  /** Input tokens per minute; `none`: no limit. */
  readonly tpm?: number | 'none';
  readonly concurrency?: number;
}

/** Which models a pipeline uses. */
export interface ModelsSpec {
  readonly default?: string;
  readonly fallback?: readonly string[];
  readonly limits?: Readonly<Record<string, ModelLimitsSpec>>;
}

/** The shape of one input row and which field is its id. */
export interface InputSpec {
  readonly id?: string;
  readonly fields?: { readonly [field: string]: TypeNotation };
  readonly schema?: JsonSchemaSpec;
}

interface StepSpecBase {
  readonly id: string;
  readonly description?: string;
  readonly timeout_ms?: number;
}

interface OutputDeclaration {
  readonly output?: TypeNotation;
  readonly output_schema?: JsonSchemaSpec;
}

interface ModelSettingsSpec {
  readonly model?: string;
  readonly system?: string;
  readonly temperature?: number;
  readonly max_output_tokens?: number;
  readonly thinking?: ThinkingSpec;
  readonly repair?: RepairSpec;
}

/** Asks a model once (plus repairs). */
export interface LlmStepSpec extends StepSpecBase, OutputDeclaration, ModelSettingsSpec {
  readonly kind: 'llm';
  readonly prompt: string;
}

/** Calls one tool, no model. */
export interface ToolStepSpec extends StepSpecBase, OutputDeclaration {
  readonly kind: 'tool';
  readonly tool: ToolReferenceSpec;
  readonly input?: unknown;
  readonly retry?: { readonly attempts?: number; readonly delay_ms?: number };
}

/** A model calling tools in a loop until it answers. */
export interface AgentStepSpec extends StepSpecBase, OutputDeclaration, ModelSettingsSpec {
  readonly kind: 'agent';
  readonly prompt: string;
  readonly tools: readonly ToolReferenceSpec[];
  readonly max_steps?: number;
  readonly tool_concurrency?: number;
}

/** Runs a step (or steps) once per element of an array. */
export interface MapStepSpec extends StepSpecBase {
  readonly kind: 'map';
  readonly over: string;
  readonly concurrency?: number;
  readonly step?: StepSpec | InnerStepSpec;
  readonly steps?: readonly StepSpec[];
}

/** Runs steps at once; the result is `{ <step id>: result }`. */
export interface ParallelStepSpec extends StepSpecBase {
  readonly kind: 'parallel';
  readonly steps: readonly StepSpec[];
}

/** Runs `then` when the condition holds, else `else`. */
export interface BranchStepSpec extends StepSpecBase {
  readonly kind: 'branch';
  readonly when: ConditionSpec;
  readonly then: readonly StepSpec[];
  readonly else?: readonly StepSpec[];
}

/** `T` with its `id` made optional, for each member of a union. */
export type WithOptionalId<T> = T extends unknown ? Omit<T, 'id'> & { readonly id?: string } : never;

/** The single step of a `map`, whose id defaults to the map's id. */
export type InnerStepSpec = WithOptionalId<LlmStepSpec | ToolStepSpec | AgentStepSpec>;

/** Every step kind. */
export type StepSpec =
  | LlmStepSpec
  | ToolStepSpec
  | AgentStepSpec
  | MapStepSpec
  | ParallelStepSpec
  | BranchStepSpec;

/** A comparison of a templated value, or a combination of conditions. Data, never code. */
export type ConditionSpec =
  | {
      readonly value: string;
      readonly equals?: unknown;
      readonly not_equals?: unknown;
      readonly in?: readonly unknown[];
      readonly not_in?: readonly unknown[];
      readonly gt?: number;
      readonly gte?: number;
      readonly lt?: number;
      readonly lte?: number;
      readonly exists?: boolean;
    }
  | { readonly all: readonly ConditionSpec[] }
  | { readonly any: readonly ConditionSpec[] }
  | { readonly not: ConditionSpec };

/** A whole pipeline file. */
export interface PipelineSpec {
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  readonly models?: ModelsSpec;
  readonly input?: InputSpec;
  readonly steps: readonly StepSpec[];
  readonly output?: unknown;
}
