import type { StructuredToolInterface } from '@langchain/core/tools';
import type { z } from 'zod';
import { checkWholeNumber } from './check-option.js';
import type { StepRetryPolicy, ToolStepDefinition } from './pipeline-definition.js';

/** The arguments a LangChain tool accepts, from its zod schema (`unknown` for JSON Schema tools). */
export type ToolArgsOf<Tool> = Tool extends { schema: infer Schema }
  ? Schema extends z.ZodType
    ? z.input<Schema>
    : unknown
  : unknown;

/** What `tool()` takes. */
export interface ToolConfig<
  Id extends string,
  Tool extends StructuredToolInterface,
  InputSchema extends z.ZodType | undefined,
  OutputSchema extends z.ZodType | undefined,
> {
  id: Id;
  /** Any LangChain tool (`tool(fn, { schema })` from @langchain/core, @tokenflow/tools, ...). */
  tool: Tool;
  /** Validates the step input. @default the tool's own argument schema */
  input?: InputSchema;
  /** Builds the tool arguments from the input. @default the input itself */
  args?: (
    input: InputSchema extends z.ZodType ? z.output<InputSchema> : ToolArgsOf<Tool>,
  ) => ToolArgsOf<Tool>;
  /** Validates (and types) what the tool returns; a JSON string answer is parsed first. */
  output?: OutputSchema;
  /** @default undefined (no timeout) */
  timeoutMs?: number;
  /** @default { maxAttempts: 1 } */
  retry?: StepRetryPolicy;
}

/**
 * A step that calls one LangChain tool with typed arguments, no model involved.
 *
 * @example
 * const fetchPage = tool({ id: 'page', tool: httpGet, args: ({ url }) => ({ url }) });
 */
export function tool<
  Id extends string,
  Tool extends StructuredToolInterface,
  InputSchema extends z.ZodType | undefined = undefined,
  OutputSchema extends z.ZodType | undefined = undefined,
>(
  config: ToolConfig<Id, Tool, InputSchema, OutputSchema>,
): ToolStepDefinition<
  Id,
  InputSchema extends z.ZodType ? z.output<InputSchema> : ToolArgsOf<Tool>,
  OutputSchema extends z.ZodType ? z.output<OutputSchema> : unknown
> {
  const where = `tool step "${config.id}"`;
  checkWholeNumber(config.timeoutMs, 'timeoutMs', where);
  checkWholeNumber(config.retry?.maxAttempts, 'retry.maxAttempts', where);
  checkWholeNumber(config.retry?.delayMs, 'retry.delayMs', where, 0);
  const { input, output, args, ...rest } = config;
  return {
    ...rest,
    kind: 'tool',
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
    ...(args === undefined ? {} : { args }),
  };
}
