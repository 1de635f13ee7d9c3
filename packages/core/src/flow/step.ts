import type { z } from 'zod';
import { checkWholeNumber } from './check-option.js';
import type { FunctionStepDefinition, StepRetryPolicy, StepRunContext } from './pipeline-definition.js';

/** What `step()` takes. Types come from the schemas; nothing is written by hand. */
export interface StepConfig<
  Id extends string,
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType,
> {
  /** Unique within the pipeline; results are typed and keyed by it. */
  id: Id;
  /** Validates the input before `run`; a mismatch is a `StepValidationError`. */
  input: InputSchema;
  /** Validates what `run` returns. */
  output: OutputSchema;
  /** The work. Pass `context.signal` to anything that does I/O so cancellation and timeouts reach it. */
  run: (
    input: z.output<InputSchema>,
    context: StepRunContext,
  ) => z.input<OutputSchema> | Promise<z.input<OutputSchema>>;
  /**
   * Abort each try after this many milliseconds.
   * @default undefined (no timeout)
   */
  timeoutMs?: number;
  /**
   * Retries on failure (validation errors and cancellation are never retried).
   * @default { maxAttempts: 1 }
   * @example { maxAttempts: 3, delayMs: 200 }
   */
  retry?: StepRetryPolicy;
}

/**
 * A step that runs your code, typed from its schemas.
 *
 * @example
 * const count = step({
 *   id: 'count',
 *   input: z.object({ text: z.string() }),
 *   output: z.object({ words: z.number() }),
 *   run: ({ text }) => ({ words: text.split(/\s+/).length }),
 * });
 */
export function step<Id extends string, InputSchema extends z.ZodType, OutputSchema extends z.ZodType>(
  config: StepConfig<Id, InputSchema, OutputSchema>,
): FunctionStepDefinition<Id, z.output<InputSchema>, z.output<OutputSchema>> {
  checkWholeNumber(config.timeoutMs, 'timeoutMs', `step "${config.id}"`);
  checkWholeNumber(config.retry?.maxAttempts, 'retry.maxAttempts', `step "${config.id}"`);
  checkWholeNumber(config.retry?.delayMs, 'retry.delayMs', `step "${config.id}"`, 0);
  return {
    kind: 'function',
    id: config.id,
    input: config.input,
    output: config.output,
    run: config.run,
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
    ...(config.retry === undefined ? {} : { retry: config.retry }),
  };
}
