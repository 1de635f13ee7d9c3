/*
 * What LangChain's standard chat-model tests (@langchain/standard-tests, not published) use, written
 * again for our contract tests: their constructor arguments, schemas, tools, prompt and the callback
 * handler that reads tracing options; plus helpers to read streams, failures and runs.
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { AIMessageChunk } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StructuredTool, tool } from '@langchain/core/tools';
import { expect } from 'vitest';
import { z } from 'zod';
import { isTokenOffError, type TokenOffError } from '../tokenoff-error.js';

/**
 * The constructor arguments the standard unit tests add to every chat model's own (the integration tests
 * add none: they build the model from the integration's arguments alone), plus ours: with only 100 output
 * tokens, 2.5 flash's thinking (counted in them) must be off to leave room for an answer.
 */
export const standardUnitArgs = {
  temperature: 0,
  maxTokens: 100,
  timeout: 60,
  stopSequences: [],
  maxRetries: 2,
  thinkingConfig: { thinkingBudget: 0 },
};

export const adderSchema = z
  .object({
    a: z.number().int().describe('The first integer to add.'),
    b: z.number().int().describe('The second integer to add.'),
  })
  .describe('Add two integers');

/** The standard tests' tool: note its name is `AdderTool`, while their prompt asks for `math_addition`. */
export class AdderTool extends StructuredTool {
  name = 'AdderTool';
  description = 'Add two integers';
  schema = adderSchema;
  async _call(input: z.infer<typeof adderSchema>) {
    return JSON.stringify({ result: input.a + input.b });
  }
}

export const personSchema = z
  .object({
    name: z.string().describe('Name of the person'),
    age: z.number().int().positive().describe('Age of the person'),
  })
  .describe('A person');

/** The unit tests' tool. */
export class PersonTool extends StructuredTool {
  name = 'PersonTool';
  description = 'A person';
  schema = personSchema;
  async _call(input: z.infer<typeof personSchema>) {
    return JSON.stringify(input);
  }
}

export const weatherSchema = z.object({
  location: z.string().describe('The location to get the weather for.'),
});

export const weatherTool = tool(() => 'The weather in San Francisco is 70 degrees and sunny.', {
  name: 'get_current_weather',
  description: 'Get the current weather for a location.',
  schema: weatherSchema,
});

/** The standard tests' prompt, word for word. */
export const mathAdditionPrompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are bad at math and must ALWAYS call the {toolName} function.'],
  ['human', 'What is the sum of 1836281973 and 19973286?'],
]);

/** The failure of a call that must fail with a TokenOffError (anything else is rethrown). */
export async function failure(promise: Promise<unknown>): Promise<TokenOffError> {
  try {
    await promise;
  } catch (error) {
    if (isTokenOffError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Reads a stream to its end, checking each chunk is an AIMessageChunk, and returns their concatenation. */
export async function streamAll(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk> {
  let full: AIMessageChunk | undefined;
  for await (const chunk of stream) {
    expect(chunk).toBeInstanceOf(AIMessageChunk);
    full = full ? full.concat(chunk) : chunk;
  }
  if (!full) throw new Error('the stream was empty');
  return full;
}

/** One chat-model run as callbacks saw it. */
export interface RecordedRun {
  event: 'start' | 'end' | 'error';
  runId: string;
  parentRunId: string | undefined;
  /** Start: the tracing options (`extraParams.options`, where `ls_structured_output_format` sits). */
  options?: Record<string, unknown>;
  /** End: the result. */
  output?: LLMResult;
  /** Error: what was thrown. */
  error?: unknown;
}

/**
 * Records chat-model runs as LangSmith (and the standard tests' TestCallbackHandler) see them: starts with
 * their tracing options, ends with their output, errors.
 */
export class RunRecorder extends BaseCallbackHandler {
  name = 'run-recorder';
  runs: RecordedRun[] = [];

  override handleChatModelStart(
    _llm: unknown,
    _messages: unknown,
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ) {
    const options = (extraParams?.options ?? {}) as Record<string, unknown>;
    this.runs.push({ event: 'start', runId, parentRunId, options });
  }

  override handleLLMEnd(output: LLMResult, runId: string, parentRunId?: string) {
    this.runs.push({ event: 'end', runId, parentRunId, output });
  }

  override handleLLMError(error: unknown, runId: string, parentRunId?: string) {
    this.runs.push({ event: 'error', runId, parentRunId, error });
  }

  /** The tracing options of the first chat-model run. */
  get startOptions(): Record<string, unknown> | undefined {
    return this.runs.find((run) => run.event === 'start')?.options;
  }
}

/**
 * A handler with `handleLLMStart` and no `handleChatModelStart`: LangChain tells it of a chat-model run
 * through `handleLLMStart` (with the messages as prompt strings). Records `[event, runId]`.
 */
export class LlmRunRecorder extends BaseCallbackHandler {
  name = 'llm-run-recorder';
  runs: [string, string][] = [];

  override handleLLMStart(_llm: unknown, _prompts: string[], runId: string) {
    this.runs.push(['start', runId]);
  }

  override handleLLMEnd(_output: LLMResult, runId: string) {
    this.runs.push(['end', runId]);
  }
}
