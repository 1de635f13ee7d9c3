import type { StructuredToolInterface } from '@langchain/core/tools';
import type { z } from 'zod';
import { checkModelSettings, checkWholeNumber } from './check-option.js';
import type { AnswerOf } from './llm.js';
import type {
  AgentStepDefinition,
  EscalationPolicy,
  ModelSettings,
  RepairPolicy,
} from './pipeline-definition.js';

/** What `agent()` takes. Without `output` the agent returns its final answer text. */
export interface AgentConfig<
  Id extends string,
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType | undefined,
> extends ModelSettings {
  id: Id;
  /** @example 'gemini-3-flash-preview' */
  model: string;
  system?: string | ((input: z.output<InputSchema>) => string);
  /** Validates the step input. @default z.unknown() */
  input?: InputSchema;
  /** The task. @default the input itself when it is a string, else its JSON */
  prompt?: (input: z.output<InputSchema>) => string;
  /** Any LangChain tools (StructuredToolInterface). */
  tools: readonly StructuredToolInterface[];
  /**
   * Model turns before the loop stops with an `AgentStepLimitError`.
   * @default 10
   */
  maxSteps?: number;
  /**
   * Tool calls of one turn run at once.
   * @default 8
   */
  toolConcurrency?: number;
  /** A typed final answer, through the structured-output path (repairs, escalation). */
  output?: OutputSchema;
  /** @default { maxAttempts: 3 } */
  repair?: RepairPolicy;
  escalation?: EscalationPolicy;
  /** Abort the whole agent step after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * A step where a model uses tools until it has an answer.
 *
 * @example
 * const researcher = agent({
 *   id: 'research',
 *   model: 'gemini-3-flash-preview',
 *   system: 'Answer with the tools; cite the file you read.',
 *   tools: [readFile, search],
 *   maxSteps: 8,
 *   output: z.object({ answer: z.string(), source: z.string() }),
 * });
 */
export function agent<
  Id extends string,
  InputSchema extends z.ZodType = z.ZodUnknown,
  OutputSchema extends z.ZodType | undefined = undefined,
>(
  config: AgentConfig<Id, InputSchema, OutputSchema>,
): AgentStepDefinition<Id, z.output<InputSchema>, AnswerOf<OutputSchema>> {
  const where = `agent step "${config.id}"`;
  checkWholeNumber(config.timeoutMs, 'timeoutMs', where);
  checkModelSettings(config, where);
  checkWholeNumber(config.maxSteps, 'maxSteps', where);
  checkWholeNumber(config.toolConcurrency, 'toolConcurrency', where);
  checkWholeNumber(config.repair?.maxAttempts, 'repair.maxAttempts', where);
  const { input, output, ...rest } = config;
  return {
    ...rest,
    kind: 'agent',
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
  };
}
