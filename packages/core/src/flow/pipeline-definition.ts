import type { StructuredToolInterface } from '@langchain/core/tools';
import type { z } from 'zod';

/**
 * The one plain data model of a pipeline. The TypeScript builder (`pipeline(...)`) and the YAML loader
 * (`src/spec`) both produce a {@link PipelineDefinition}; the runner interprets nothing else.
 *
 * Everything here is data plus pure functions: no classes, no hidden state. A definition can be run
 * any number of times, concurrently.
 *
 * Data flow: every node computes a value from the {@link RunContext} (the pipeline input, every earlier
 * step's result by id, and the output of the node just before it). A step node's input defaults to
 * `context.last`; a YAML step whose template says `{{ input.text }}` or `{{ steps.summary.bullets }}`
 * sets `input` to a selector that reads those paths.
 */

/** What a node can read while a pipeline runs. Never mutated: each node sees a fresh object. */
export interface RunContext {
  /** The pipeline input, after validation against the pipeline's input schema. */
  readonly input: unknown;
  /** The result of every step that has finished so far, by step id (and composite node id). */
  readonly steps: Readonly<Record<string, unknown>>;
  /** The output of the node just before this one (the pipeline input for the first node). */
  readonly last: unknown;
  /** Inside a `map` node: the current element of the array being mapped. */
  readonly item?: unknown;
  /** Inside a `map` node: the index of `item`. */
  readonly index?: number;
  /** Inside a `loop` node: the 0-based iteration number. */
  readonly iteration?: number;
}

/** Computes a value (a step input, a condition, the final output) from the run context. */
export type ContextSelector<T = unknown> = (context: RunContext) => T;

/** What a running step receives besides its input. */
export interface StepRunContext {
  /** The step id. */
  readonly stepId: string;
  /** Aborted when the run is cancelled or the step times out. Pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** 1 on the first try, 2 on the first retry, ... (retry policy of function and tool steps). */
  readonly attempt: number;
  /** The run context the step's input was computed from. */
  readonly run: RunContext;
}

/** Retry policy for steps that do not call a model (model calls are retried by the gateway). */
export interface StepRetryPolicy {
  /**
   * Total tries, the first included.
   * @default 1
   */
  maxAttempts?: number;
  /**
   * Wait before retry `n` (1-based) is `delayMs * 2 ** (n - 1)`.
   * @default 0
   */
  delayMs?: number;
  /**
   * Which errors are worth another try. Validation errors and cancellation are never retried.
   * @default () => true
   */
  retryOn?: (error: unknown) => boolean;
}

/**
 * A function of the step input, declared as a method so a step typed for a narrow input stays
 * assignable to `StepDefinition` (whose input is `unknown`): parameters of methods are bivariant.
 */
export type InputFunction<I, R> = { bivariant(input: I): R }['bivariant'];

/**
 * Fields every step kind has. `I` (what the step runs on) and `O` (what it gives) are only carried for
 * the typed builder, in the type-only `~types` slot; at run time the schemas are the truth.
 */
export interface StepDefinitionBase<Id extends string = string, I = unknown, O = unknown> {
  /** Unique within the pipeline; results are keyed by it (`steps.<id>`). */
  readonly id: Id;
  /** Validates the step input before the step runs. Absent: the input is taken as is. */
  readonly input?: z.ZodType;
  /** Validates the step output (for `llm` and `agent`, the structured answer). Absent: not checked. */
  readonly output?: z.ZodType;
  /**
   * Abort the step after this many milliseconds (each try; model steps: the whole step).
   * @default undefined (no timeout)
   */
  readonly timeoutMs?: number;
  /** Retries for `function` and `tool` steps. Model calls are retried and routed by the gateway. */
  readonly retry?: StepRetryPolicy;
  /** Type-only: the input the step runs on and the output it gives. Never set at run time. */
  readonly '~types'?: { readonly input: I; readonly output: O };
}

/** A step that runs user code. */
export interface FunctionStepDefinition<Id extends string = string, I = unknown, O = unknown>
  extends StepDefinitionBase<Id, I, O> {
  readonly kind: 'function';
  /** The work; what it returns is validated against `output` (so it may be the schema's input type). */
  run(input: I, context: StepRunContext): unknown;
}

/**
 * Gemini thinking controls. Use `budgetTokens` on 2.5 models and `level` on Gemini 3 models; never both
 * (the API rejects that with 400).
 */
export interface ThinkingSettings {
  /** `thinkingBudget`: tokens the model may think for; `0` turns thinking off where allowed, `-1` is dynamic. */
  budgetTokens?: number;
  /** `thinkingLevel` for Gemini 3 models. */
  level?: 'minimal' | 'low' | 'medium' | 'high';
}

/** Sampling and limits for one model call. Absent fields are left to the model's defaults. */
export interface ModelSettings {
  /** 0 to 2. */
  temperature?: number;
  maxOutputTokens?: number;
  thinking?: ThinkingSettings;
}

/** How an `llm` or `agent` step recovers from answers that do not match its output schema. */
export interface RepairPolicy {
  /**
   * Tries on one model before escalating: the first answer plus `maxAttempts - 1` repair turns, each
   * telling the model the raw text it gave and the exact validation issues.
   * @default 3
   */
  maxAttempts?: number;
}

/** Where an `llm` or `agent` step goes when repairs on its model are used up. */
export interface EscalationPolicy {
  /**
   * Models to try next, in order, each with a fresh repair budget. `undefined`: the provider's fallback
   * chain after the step's model (e.g. pro -> flash). `[]`: never escalate.
   * @default undefined
   */
  models?: readonly string[];
}

/** A step that asks a model once (plus repairs), optionally for a structured answer. */
export interface LlmStepDefinition<Id extends string = string, I = unknown, O = unknown>
  extends StepDefinitionBase<Id, I, O>,
    ModelSettings {
  readonly kind: 'llm';
  /** A model id, resolved through the run's model provider (e.g. `gemini-2.5-flash`). */
  readonly model: string;
  /** The user message, built from the step input. */
  prompt(input: I): string;
  /** The system instruction, fixed or built from the step input. */
  readonly system?: string | InputFunction<I, string>;
  readonly repair?: RepairPolicy;
  readonly escalation?: EscalationPolicy;
}

/** A step that calls one LangChain tool directly (no model). */
export interface ToolStepDefinition<Id extends string = string, I = unknown, O = unknown>
  extends StepDefinitionBase<Id, I, O> {
  readonly kind: 'tool';
  /** Any LangChain tool; YAML pipelines get it from the tool registry by name. */
  readonly tool: StructuredToolInterface;
  /** Builds the tool arguments from the step input. Absent: the input is the arguments. */
  args?(input: I): unknown;
}

/** A step where a model calls tools in a loop until it gives a final answer. */
export interface AgentStepDefinition<Id extends string = string, I = unknown, O = unknown>
  extends StepDefinitionBase<Id, I, O>,
    ModelSettings {
  readonly kind: 'agent';
  readonly model: string;
  /** The task, built from the step input. Absent: the input itself if it is a string, else its JSON. */
  prompt?(input: I): string;
  readonly system?: string | InputFunction<I, string>;
  readonly tools: readonly StructuredToolInterface[];
  /**
   * Model turns before the loop stops with an `AgentStepLimitError`.
   * @default 10
   */
  readonly maxSteps?: number;
  /**
   * Tool calls from one model turn that run at once.
   * @default 8
   */
  readonly toolConcurrency?: number;
  /** Repairs of the final structured answer (when `output` is set). */
  readonly repair?: RepairPolicy;
  readonly escalation?: EscalationPolicy;
}

/** Every kind of step the runner knows. */
export type StepDefinition<Id extends string = string, I = unknown, O = unknown> =
  | FunctionStepDefinition<Id, I, O>
  | LlmStepDefinition<Id, I, O>
  | ToolStepDefinition<Id, I, O>
  | AgentStepDefinition<Id, I, O>;

/** Runs one step. Its result is recorded as `steps[step.id]` and becomes `last`. */
export interface StepNode {
  readonly kind: 'step';
  readonly step: StepDefinition;
  /** Computes the step input. @default (context) => context.last */
  readonly input?: ContextSelector;
}

/** Runs nodes one after another; its output is the last node's output. */
export interface SequenceNode {
  readonly kind: 'sequence';
  /** When set, the sequence output is also recorded as `steps[id]`. */
  readonly id?: string;
  readonly nodes: readonly PipelineNode[];
}

/** Runs branches at once, each from the same context; output is `{ [key]: branch output }`. */
export interface ParallelNode {
  readonly kind: 'parallel';
  /** When set, the object of results is also recorded as `steps[id]`. */
  readonly id?: string;
  readonly branches: Readonly<Record<string, PipelineNode>>;
}

/**
 * Runs `whenTrue` when the condition holds, else `whenFalse` (or passes `last` through when absent).
 * (Not `then`/`else`: an object with a `then` member is easily mistaken for a promise.)
 */
export interface BranchNode {
  readonly kind: 'branch';
  /** When set, the branch output is also recorded as `steps[id]`. */
  readonly id?: string;
  readonly condition: ContextSelector<boolean>;
  readonly whenTrue: PipelineNode;
  readonly whenFalse?: PipelineNode;
}

/**
 * Runs `body` once per element of an array, with `item`, `index` and `last` set to the element.
 * Steps inside see each other's results for their own element only; afterwards `steps[id]` holds the
 * array of body outputs, in input order.
 */
export interface MapNode {
  readonly kind: 'map';
  /** Where the array of outputs is recorded. The builder uses the mapped step's id. */
  readonly id: string;
  /** The array to map over. @default (context) => context.last */
  readonly over?: ContextSelector;
  readonly body: PipelineNode;
  /**
   * Elements processed at once.
   * @default 4
   */
  readonly concurrency?: number;
}

/**
 * Runs `body` repeatedly, feeding each output back as `last`, until `until` holds (checked after each
 * iteration with `last` set to the body output) or `maxIterations` is reached, which is an error
 * (`LoopLimitError`) rather than a silent stop.
 */
export interface LoopNode {
  readonly kind: 'loop';
  /** Where the final body output is recorded. The builder uses the body step's id. */
  readonly id: string;
  readonly body: PipelineNode;
  readonly until: ContextSelector<boolean>;
  readonly maxIterations: number;
}

export type PipelineNode = StepNode | SequenceNode | ParallelNode | BranchNode | MapNode | LoopNode;

/** A whole pipeline: what the runner takes. */
export interface PipelineDefinition {
  readonly id: string;
  /** Validates the run input. Absent: any input. */
  readonly input?: z.ZodType;
  /** Run in order; the first node sees `last = input`. */
  readonly nodes: readonly PipelineNode[];
  /** Builds the run output from the final context. @default (context) => context.last */
  readonly output?: ContextSelector;
  /** Validates the run output. */
  readonly outputSchema?: z.ZodType;
}

/** A node that runs `step`, with its input computed by `input` (default: the previous output). */
export function stepNode(step: StepDefinition, input?: ContextSelector): StepNode {
  return input === undefined ? { kind: 'step', step } : { kind: 'step', step, input };
}

/** The ids of every step in a node tree, in definition order (for validation and tooling). */
export function stepIdsOf(nodes: readonly PipelineNode[]): string[] {
  const ids: string[] = [];
  const visit = (node: PipelineNode): void => {
    switch (node.kind) {
      case 'step':
        ids.push(node.step.id);
        return;
      case 'sequence':
        for (const child of node.nodes) visit(child);
        return;
      case 'parallel':
        for (const child of Object.values(node.branches)) visit(child);
        return;
      case 'branch':
        visit(node.whenTrue);
        if (node.whenFalse) visit(node.whenFalse);
        return;
      case 'map':
      case 'loop':
        visit(node.body);
        return;
    }
  };
  for (const node of nodes) visit(node);
  return ids;
}
