import type { z } from 'zod';
import { checkModelSettings, checkWholeNumber } from './check-option.js';
import type {
  EscalationPolicy,
  LlmStepDefinition,
  ModelSettings,
  RepairPolicy,
} from './pipeline-definition.js';

/** What `llm()` takes. Without `output` the step returns the answer text. */
export interface LlmConfig<
  Id extends string,
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType | undefined,
> extends ModelSettings {
  id: Id;
  /** A model id, resolved through the run's model provider. @example 'gemini-2.5-flash' */
  model: string;
  /** Validates the step input; `prompt` and `system` receive its parsed value. @default z.unknown() */
  input?: InputSchema;
  /** The user message, built from the input. */
  prompt: (input: z.output<InputSchema>) => string;
  /** The system instruction. */
  system?: string | ((input: z.output<InputSchema>) => string);
  /**
   * Ask for a structured answer of this shape (native `responseSchema`), validated with zod and repaired
   * when it does not match.
   * @default undefined (the step returns text)
   */
  output?: OutputSchema;
  /** @default { maxAttempts: 3 } */
  repair?: RepairPolicy;
  /** @default the provider's fallback chain after `model` */
  escalation?: EscalationPolicy;
  /** Abort the whole step (all calls, repairs included) after this many milliseconds. */
  timeoutMs?: number;
}

/** The output type of an llm or agent step: the schema's type, or the answer text. */
export type AnswerOf<OutputSchema> = OutputSchema extends z.ZodType ? z.output<OutputSchema> : string;

/**
 * A step that asks a model. With `output`, the answer is a validated object of that schema's type.
 *
 * @example
 * const summarize = llm({
 *   id: 'summary',
 *   model: 'gemini-2.5-flash',
 *   input: z.object({ text: z.string() }),
 *   prompt: ({ text }) => `Summarize in three bullets:\n${text}`,
 *   output: z.object({ bullets: z.array(z.string()).length(3) }),
 * });
 */
export function llm<
  Id extends string,
  InputSchema extends z.ZodType = z.ZodUnknown,
  OutputSchema extends z.ZodType | undefined = undefined,
>(
  config: LlmConfig<Id, InputSchema, OutputSchema>,
): LlmStepDefinition<Id, z.output<InputSchema>, AnswerOf<OutputSchema>> {
  const where = `llm step "${config.id}"`;
  checkWholeNumber(config.timeoutMs, 'timeoutMs', where);
  checkModelSettings(config, where);
  checkWholeNumber(config.repair?.maxAttempts, 'repair.maxAttempts', where);
  const { input, output, ...rest } = config;
  return {
    ...rest,
    kind: 'llm',
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
  };
}
