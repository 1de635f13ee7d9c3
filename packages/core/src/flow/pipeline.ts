import type { z } from 'zod';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { checkWholeNumber } from './check-option.js';
import type { PipelineDefinition, PipelineNode, RunContext } from './pipeline-definition.js';
import { stepIdsOf, stepNode } from './pipeline-definition.js';
import type {
  AcceptsCheck,
  AnyStep,
  FlowContext,
  IdOf,
  InputMismatch,
  InputOf,
  LoopMismatch,
  MapCheck,
  NoResults,
  OutputOf,
  Simplify,
  WithResult,
} from './pipeline-types.js';
import type { RunOptions } from './run-options.js';
import { runPipeline } from './run-pipeline.js';
import type { RunResult } from './run-result.js';
import type { FlowRun } from './stream-pipeline.js';
import { streamPipeline } from './stream-pipeline.js';

/** `.map()` options. */
export interface MapOptions {
  /**
   * Elements processed at once.
   * @default 4
   */
  concurrency?: number;
}

/** `.until()` options. */
export interface UntilOptions {
  /** The most iterations before a `LoopLimitError`. Required: loops are always bounded. */
  maxIterations: number;
}

/** `.until()`'s check: the step takes the previous output, and its own output back. */
export type UntilCheck<S, Last> = [Last] extends [InputOf<S>]
  ? [OutputOf<S>] extends [InputOf<S>]
    ? unknown
    : LoopMismatch
  : InputMismatch;

/** A pipeline that can run: its definition, `run()` and `stream()`. */
export interface RunnablePipeline<In, Out, Steps> {
  /** The plain definition the runner interprets (the same model YAML pipelines compile to). */
  readonly definition: PipelineDefinition;
  /** Runs to the end: the typed output plus per-step results, usage and cost. */
  run(input: In, options?: RunOptions): Promise<RunResult<Out, Steps>>;
  /** Runs while yielding typed events in order; `.result` has what `run()` resolves with. */
  stream(input: In, options?: Omit<RunOptions, 'onEvent' | 'streamText'>): FlowRun<RunResult<Out, Steps>>;
}

/**
 * An immutable, typed pipeline builder: every method returns a new pipeline with the previous output
 * type (`Last`) and the results by step id (`Steps`) updated.
 */
export interface Pipeline<In, Last, Steps> extends RunnablePipeline<In, Last, Steps> {
  /** Runs `step` on the previous output; only a step whose input accepts it compiles. */
  then<S extends AnyStep>(
    step: S & AcceptsCheck<S, Last>,
  ): Pipeline<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>>;
  /**
   * Runs `step` on what `input` picks from the context (the pipeline input, earlier results by id, the
   * previous output); the picked value must have the step's input type.
   *
   * @example
   * .then(translate, ({ input, steps }) => ({ text: steps.summary.text, language: input.language }))
   */
  then<S extends AnyStep>(
    step: S,
    input: (context: FlowContext<In, Last, Steps>) => InputOf<S>,
  ): Pipeline<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>>;
  /** Runs steps at once on the previous output; the output is the object of their results. */
  parallel<Branches extends Record<string, AnyStep>>(
    branches: Branches & { [K in keyof Branches]: AcceptsCheck<Branches[K], Last> },
  ): Pipeline<
    In,
    Simplify<{ [K in keyof Branches]: OutputOf<Branches[K]> }>,
    Simplify<Steps & { [K in keyof Branches as IdOf<Branches[K]>]: OutputOf<Branches[K]> }>
  >;
  /** Runs `then` when the condition holds, else `otherwise` (or passes the previous output on). */
  branch<Then extends AnyStep, Otherwise extends AnyStep = never>(
    condition: (context: FlowContext<In, Last, Steps>) => boolean,
    then: Then & AcceptsCheck<Then, Last>,
    otherwise?: Otherwise & AcceptsCheck<Otherwise, Last>,
  ): Pipeline<
    In,
    OutputOf<Then> | ([Otherwise] extends [never] ? Last : OutputOf<Otherwise>),
    Simplify<
      Steps & { [K in IdOf<Then>]?: OutputOf<Then> } & { [K in IdOf<Otherwise>]?: OutputOf<Otherwise> }
    >
  >;
  /** Runs `step` on every element of the previous output (an array), `concurrency` at a time. */
  map<S extends AnyStep>(
    step: S & MapCheck<S, Last>,
    options?: MapOptions,
  ): Pipeline<In, OutputOf<S>[], WithResult<Steps, IdOf<S>, OutputOf<S>[]>>;
  /** Runs `step` again on its own output until `condition` holds, at most `maxIterations` times. */
  until<S extends AnyStep>(
    step: S & UntilCheck<S, Last>,
    condition: (
      context: FlowContext<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>> & { iteration: number },
    ) => boolean,
    options: UntilOptions,
  ): Pipeline<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>>;
  /** Builds the run output from the input and the results by id (the default is the last output). */
  output<Out>(select: (context: FlowContext<In, Last, Steps>) => Out): RunnablePipeline<In, Out, Steps>;
}

function checkUniqueIds(definition: PipelineDefinition): void {
  const seen = new Set<string>();
  for (const id of stepIdsOf(definition.nodes)) {
    if (seen.has(id)) {
      throw new TokenflowError(
        'flow_duplicate_step',
        `Pipeline "${definition.id}" uses the step id "${id}" twice; results are keyed by id, so give each step its own.`,
      );
    }
    seen.add(id);
  }
}

/**
 * `await pipeline(...)` (or returning one from an async function) calls `.then(resolve, reject)`.
 * Reject with an explanation instead of building a nonsense step and hanging forever.
 */
function refuseAwait(reject: unknown): never {
  const error = new TokenflowError(
    'flow_pipeline_awaited',
    'A pipeline was awaited (or returned from an async function) as if it were a promise. ' +
      'Call `.run(input)` and await that instead.',
  );
  if (typeof reject === 'function') reject(error);
  throw error;
}

function runnable<In, Out, Steps>(definition: PipelineDefinition): RunnablePipeline<In, Out, Steps> {
  return {
    definition,
    // The runner checks every value against its schema; here the checked data meets its static type.
    run: (input, options) => runPipeline(definition, input, options) as Promise<RunResult<Out, Steps>>,
    stream: (input, options) => streamPipeline<RunResult<Out, Steps>>(definition, input, options),
  };
}

function typed<In, Last, Steps, Selected>(
  select: (context: FlowContext<In, Last, Steps>) => Selected,
): (context: RunContext) => Selected {
  return select as (context: RunContext) => Selected;
}

function build<In, Last, Steps>(definition: PipelineDefinition): Pipeline<In, Last, Steps> {
  checkUniqueIds(definition);
  const append = <L, S>(node: PipelineNode): Pipeline<In, L, S> =>
    build<In, L, S>({ ...definition, nodes: [...definition.nodes, node] });
  function then<S extends AnyStep>(
    step: S & AcceptsCheck<S, Last>,
  ): Pipeline<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>>;
  function then<S extends AnyStep>(
    step: S,
    input: (context: FlowContext<In, Last, Steps>) => InputOf<S>,
  ): Pipeline<In, OutputOf<S>, WithResult<Steps, IdOf<S>, OutputOf<S>>>;
  function then(
    step: AnyStep,
    input?: (context: FlowContext<In, Last, Steps>) => unknown,
  ): Pipeline<In, unknown, Steps> {
    // `await pipeline` calls then(resolve, reject): both functions, never a step.
    if (typeof step === 'function') refuseAwait(input);
    return append(stepNode(step, input === undefined ? undefined : typed(input)));
  }
  return {
    ...runnable<In, Last, Steps>(definition),
    // `.then(step)` is the DSL; awaiting a pipeline is caught in then() above.
    then,
    parallel: (branches) =>
      append({
        kind: 'parallel',
        branches: Object.fromEntries(Object.entries(branches).map(([key, step]) => [key, stepNode(step)])),
      }),
    branch: (condition, then, otherwise) =>
      append({
        kind: 'branch',
        condition: typed(condition),
        whenTrue: stepNode(then),
        ...(otherwise === undefined ? {} : { whenFalse: stepNode(otherwise) }),
      }),
    map: (step, options) => {
      checkWholeNumber(options?.concurrency, 'concurrency', `.map("${step.id}")`);
      return append({
        kind: 'map',
        id: step.id,
        body: stepNode(step),
        ...(options?.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      });
    },
    until: (step, condition, options) => {
      checkWholeNumber(options.maxIterations, 'maxIterations', `.until("${step.id}")`);
      return append({
        kind: 'loop',
        id: step.id,
        body: stepNode(step),
        until: condition as (context: RunContext) => boolean,
        maxIterations: options.maxIterations,
      });
    },
    output: (select) => runnable({ ...definition, output: typed(select) }),
  };
}

/** `pipeline()` options. */
export interface PipelineOptions<InputSchema extends z.ZodType> {
  /** Validates the run input; its type is what the first step receives. */
  input: InputSchema;
  /** Validates the run output. @default undefined (not checked beyond the steps' own schemas) */
  output?: z.ZodType;
}

/**
 * Starts a typed pipeline.
 *
 * @example
 * const flow = pipeline('summarize', { input: z.object({ text: z.string() }) })
 *   .then(summarize)
 *   .then(translate);
 * const { output, costUsd } = await flow.run({ text }, { models: gateway });
 */
export function pipeline<Id extends string, InputSchema extends z.ZodType>(
  id: Id,
  options: PipelineOptions<InputSchema>,
): Pipeline<z.output<InputSchema>, z.output<InputSchema>, NoResults> {
  return build({
    id,
    input: options.input,
    nodes: [],
    ...(options.output === undefined ? {} : { outputSchema: options.output }),
  });
}
