import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import { OutputParserException } from '@langchain/core/output_parsers';
import { type Runnable, RunnableLambda } from '@langchain/core/runnables';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { interopSafeParseAsync, isInteropZodSchema } from '@langchain/core/utils/types';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { toGeminiSchema } from './to-gemini-tools.js';

/** How structured output is asked for. */
export type StructuredOutputMethod = 'jsonSchema' | 'functionCalling';

export interface StructuredOutputConfig {
  /** The function name (functionCalling). @default 'extract' */
  name?: string;
  /**
   * `jsonSchema`: Gemini's native `responseSchema` (JSON text that matches the schema); `functionCalling`: a
   * forced call of one function whose arguments are the output.
   * @default 'jsonSchema'
   */
  method?: StructuredOutputMethod | string;
  /** Return `{ raw, parsed }` (`parsed: null` when the answer does not parse) instead of the parsed value. */
  includeRaw?: boolean;
}

/** What structured output needs from a chat model: binding tools and call options. */
export interface StructuredOutputHost {
  bindTools(
    tools: BindToolsInput[],
    kwargs?: Record<string, unknown>,
  ): Runnable<BaseLanguageModelInput, unknown>;
  withConfig(config: Record<string, unknown>): Runnable<BaseLanguageModelInput, unknown>;
}

/**
 * `withStructuredOutput` for Gemini models (ChatTokenOff and the gateway's routed model): binds either a
 * `responseSchema` or one forced function, records the method and schema in `ls_structured_output_format`
 * (LangChain's tracing contract), and parses and validates the answer (zod and standard schemas are
 * validated; a plain JSON Schema is only parsed). Uses only `bindTools` and `withConfig`, so the call
 * options reach whichever model serves the call.
 */
export function withGeminiStructuredOutput(
  host: StructuredOutputHost,
  schema: unknown,
  config: StructuredOutputConfig = {},
): Runnable<BaseLanguageModelInput, unknown> {
  const method = config.method ?? 'jsonSchema';
  if (method !== 'jsonSchema' && method !== 'functionCalling') {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`method\` of withStructuredOutput to be 'jsonSchema' or 'functionCalling', got ${JSON.stringify(method)}. Gemini has no separate JSON mode: use 'jsonSchema'.`,
    );
  }
  const tracing = { ls_structured_output_format: { kwargs: { method }, schema: jsonSchemaOf(schema) } };
  const parameters = toGeminiSchema(schema);
  let llm: Runnable<BaseLanguageModelInput, unknown>;
  let read: (message: AIMessageChunk) => unknown;
  if (method === 'functionCalling') {
    const name = config.name ?? titleOf(schema) ?? 'extract';
    const description =
      typeof parameters.description === 'string' ? parameters.description : 'A function available to call.';
    llm = host.bindTools([{ functionDeclarations: [{ name, description, parameters }] }], {
      allowedFunctionNames: [name],
      ...tracing,
    });
    read = (message) => {
      const call = message.tool_calls?.find((candidate) => candidate.name === name);
      if (!call) {
        throw new OutputParserException(
          `The answer holds no call of ${name}, which structured output forced.`,
          message.text,
        );
      }
      return call.args;
    };
  } else {
    llm = host.withConfig({ responseSchema: parameters, ...tracing });
    read = (message) => parseJsonText(message.text, message.response_metadata?.finishReason);
  }
  const parse = async (message: AIMessageChunk) => validate(schema, read(message));
  if (!config.includeRaw) {
    return llm
      .pipe(RunnableLambda.from((message: unknown) => parse(message as AIMessageChunk)))
      .withConfig({ runName: 'ChatTokenOffStructuredOutput' }) as Runnable<BaseLanguageModelInput, unknown>;
  }
  return llm
    .pipe(
      RunnableLambda.from(async (message: unknown) => {
        const raw = message as BaseMessage;
        try {
          return { raw, parsed: await parse(message as AIMessageChunk) };
        } catch {
          return { raw, parsed: null };
        }
      }),
    )
    .withConfig({ runName: 'StructuredOutputRunnable' }) as Runnable<BaseLanguageModelInput, unknown>;
}

function jsonSchemaOf(schema: unknown): Record<string, unknown> {
  if (
    isInteropZodSchema(schema) ||
    (typeof schema === 'object' && schema !== null && '~standard' in schema)
  ) {
    return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]) as Record<string, unknown>;
  }
  return schema as Record<string, unknown>;
}

function titleOf(schema: unknown): string | undefined {
  if (isInteropZodSchema(schema)) return undefined;
  const name = (schema as { name?: unknown; title?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function parseJsonText(text: string, finishReason: unknown): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  const body = fenced?.[1] ?? text;
  try {
    return JSON.parse(body);
  } catch {
    // A JSON answer cut at the output limit never parses; say so, since the fix is the limit, not the schema.
    const cut =
      finishReason === 'MAX_TOKENS'
        ? ' It was cut at the output limit (finishReason MAX_TOKENS): raise maxOutputTokens (thinking counts in it).'
        : '';
    throw new OutputParserException(
      `The answer is not the JSON the schema asked for (${text.length} characters).${cut}`,
      text,
    );
  }
}

async function validate(schema: unknown, value: unknown): Promise<unknown> {
  if (isInteropZodSchema(schema)) {
    const result = await interopSafeParseAsync(schema, value);
    if (result.success) return result.data;
    throw new OutputParserException(
      `The answer does not match the schema: ${JSON.stringify(result.error.issues).slice(0, 500)}`,
      JSON.stringify(value),
    );
  }
  const standard = (schema as { '~standard'?: { validate?: (input: unknown) => unknown } } | undefined)?.[
    '~standard'
  ];
  if (typeof standard?.validate === 'function') {
    const result = (await standard.validate(value)) as { value?: unknown; issues?: unknown[] };
    if (!result.issues) return result.value;
    throw new OutputParserException(
      `The answer does not match the schema: ${JSON.stringify(result.issues).slice(0, 500)}`,
      JSON.stringify(value),
    );
  }
  return value;
}
