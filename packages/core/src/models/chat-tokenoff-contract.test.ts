/*
 * LangChain's standard chat-model contract (what @langchain/standard-tests checks of an integration),
 * written as our own tests against the emulator: construction, LangSmith params, invoke/stream/batch,
 * usage and response metadata, conversations, stop sequences, every tool form, tool histories,
 * structured output and its tracing, the cache, and typed failures when a request cannot be built.
 */

import { InMemoryCache } from '@langchain/core/caches';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import {
  AIMessage,
  AIMessageChunk,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { StructuredTool, tool } from '@langchain/core/tools';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { isTokenOffError, type TokenOffError } from './tokenoff-error.js';

const key = 'tk-live-8RkV2nQpZs';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [key] });
});
afterAll(async () => {
  await emulator.close();
});

/**
 * The constructor arguments LangChain's standard tests pass to every chat model. With only 100 output
 * tokens, 2.5 flash's thinking (counted in them) must be off to leave room for an answer.
 */
const standardArgs = {
  temperature: 0,
  maxTokens: 100,
  timeout: 60,
  stopSequences: [],
  maxRetries: 2,
  thinkingConfig: { thinkingBudget: 0 },
};

function chat(options: Partial<ChatTokenOffInput> = {}) {
  return new ChatTokenOff({
    model: 'gemini-2.5-flash',
    apiKey: key,
    baseUrl: emulator.url,
    ...standardArgs,
    ...options,
  });
}

const adderSchema = z
  .object({ a: z.number().int().describe('The first integer'), b: z.number().int().describe('The second') })
  .describe('Add two integers');

class AdderTool extends StructuredTool {
  name = 'adder';
  description = 'Adds two integers';
  schema = adderSchema;
  async _call(input: z.infer<typeof adderSchema>) {
    return JSON.stringify({ result: input.a + input.b });
  }
}

const weather = tool(() => 'sunny, 21 degrees', {
  name: 'get_current_weather',
  description: 'Get the current weather for a location.',
  schema: z.object({ location: z.string().describe('The city') }),
});

const additionPrompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are bad at math and must ALWAYS call the {toolName} function.'],
  ['human', 'Use {toolName} to add 1836281973 and 19973286.'],
]);

async function failure(promise: Promise<unknown>): Promise<TokenOffError> {
  try {
    await promise;
  } catch (error) {
    if (isTokenOffError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function streamAll(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk> {
  let full: AIMessageChunk | undefined;
  for await (const chunk of stream) {
    expect(chunk).toBeInstanceOf(AIMessageChunk);
    full = full ? full.concat(chunk) : chunk;
  }
  if (!full) throw new Error('the stream was empty');
  return full;
}

/** Records the tracing options of chat-model runs, as LangSmith would see them. */
class TracingOptions extends BaseCallbackHandler {
  name = 'tracing-options';
  options: Record<string, unknown>[] = [];
  override handleChatModelStart(
    _llm: unknown,
    _messages: unknown,
    _runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ) {
    this.options.push((extraParams?.options ?? {}) as Record<string, unknown>);
  }
}

describe('construction and LangSmith parameters', () => {
  it('builds with the standard arguments, with an explicit key, and with streaming on', () => {
    expect(chat()).toBeInstanceOf(ChatTokenOff);
    expect(chat({ apiKey: 'test' })).toBeInstanceOf(ChatTokenOff);
    expect(chat({ streaming: true }).streaming).toBe(true);
    expect(chat().maxOutputTokens).toBe(100);
  });

  it('reports exactly the standard LangSmith parameters', () => {
    const params = chat().getLsParams({ stop: ['END'] } as never);
    expect(params).toEqual({
      ls_provider: 'tokenoff',
      ls_model_name: 'gemini-2.5-flash',
      ls_model_type: 'chat',
      ls_temperature: 0,
      ls_max_tokens: 100,
      ls_stop: ['END'],
    });
  });
});

describe('answers', () => {
  it('answers invoke with an AIMessage with text, usage and response_metadata.model', async () => {
    const answer = await chat().invoke('Hello');
    expect(answer).toBeInstanceOf(AIMessage);
    expect(answer.text).not.toBe('');
    expect(answer.usage_metadata).toMatchObject({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
    });
    expect(answer.response_metadata.model).toBe('gemini-2.5-flash');
  });

  it('streams AIMessageChunks whose concatenation has text, usage and response_metadata.model', async () => {
    const full = await streamAll(await chat().stream('Hello'));
    expect(full.text.length).toBeGreaterThan(0);
    expect(full.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(full.response_metadata.model).toBe('gemini-2.5-flash');
  });

  it('answers a batch and emits start, stream and end events', async () => {
    const answers = await chat().batch(['Hello', 'Hey']);
    expect(answers.map((answer) => answer.text.length > 0)).toEqual([true, true]);
    const events: string[] = [];
    for await (const event of chat().streamEvents('Hello', { version: 'v2' })) events.push(event.event);
    expect(events[0]).toBe('on_chat_model_start');
    expect(events.at(-1)).toBe('on_chat_model_end');
    expect(events).toContain('on_chat_model_stream');
  });

  it('takes a conversation, and one with repeated system, human and AI messages', async () => {
    const simple = [new HumanMessage('hello'), new AIMessage('hello'), new HumanMessage('how are you')];
    expect((await chat().invoke(simple)).text).not.toBe('');
    const doubled = [
      new SystemMessage('Be brief.'),
      new SystemMessage('Be kind.'),
      new HumanMessage('hello'),
      new HumanMessage('hello'),
      new AIMessage('hello'),
      new AIMessage('hello'),
      new HumanMessage('how are you'),
    ];
    expect((await chat().invoke(doubled)).text).not.toBe('');
    const body = emulator.requests.at(-1)?.body as {
      systemInstruction: { parts: unknown[] };
      contents: { role: string }[];
    };
    expect(body.systemInstruction.parts).toEqual([{ text: 'Be brief.' }, { text: 'Be kind.' }]);
    expect(body.contents.map((content) => content.role)).toEqual(['user', 'model', 'user']);
  });

  it('takes stop sequences as a call option and as a constructor option', async () => {
    await chat().invoke('hi', { stop: ['you'] });
    await chat({ stop: ['you'] }).invoke('hi');
    const sent = emulator.requests.slice(-2).map((request) => request.body as { generationConfig: object });
    for (const body of sent) expect(body.generationConfig).toMatchObject({ stopSequences: ['you'] });
  });
});

describe('tools', () => {
  it('binds a StructuredTool, a tool(), an asTool runnable, tool params and an OpenAI-format tool', async () => {
    const runnableTool = RunnableLambda.from(() => 'no-op').asTool({
      name: 'math_addition',
      description: 'Add two integers',
      schema: adderSchema,
    });
    const openAiTool = {
      type: 'function',
      function: { name: 'math_subtraction', description: 'Subtract', parameters: toJsonSchema(adderSchema) },
    };
    const params = { name: 'lookup', description: 'Look up a word', schema: z.object({ word: z.string() }) };
    await chat()
      .bindTools([new AdderTool(), weather, runnableTool, params, openAiTool])
      .invoke('Use adder to add 1 and 2.');
    const body = emulator.requests.at(-1)?.body as { tools: { functionDeclarations: { name: string }[] }[] };
    expect(body.tools[0]?.functionDeclarations.map((declaration) => declaration.name)).toEqual([
      'adder',
      'get_current_weather',
      'math_addition',
      'lookup',
      'math_subtraction',
    ]);
  });

  it('returns tool calls from invoke and from a stream, with usage', async () => {
    const model = chat().bindTools([weather]);
    const prompt = "Use the 'get_current_weather' tool to find the weather in San Francisco.";
    const answer = await model.invoke(prompt);
    expect(answer.tool_calls?.[0]).toMatchObject({ name: 'get_current_weather', type: 'tool_call' });
    expect(answer.tool_calls?.[0]?.args).toHaveProperty('location');
    const streamed = await streamAll(
      await additionPrompt.pipe(chat().bindTools([new AdderTool()])).stream({ toolName: 'adder' }),
    );
    expect(streamed.tool_calls?.[0]?.name).toBe('adder');
    expect(streamed.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it('continues tool histories with string content, list content (tool_use blocks) and few-shot turns', async () => {
    const model = chat().bindTools([new AdderTool()]);
    const call = { name: 'adder', args: { a: 1, b: 2 }, id: 'abc123', type: 'tool_call' as const };
    const result = new ToolMessage('{"result":3}', 'abc123', 'adder');
    const question = new HumanMessage('What is 1 + 2');
    const stringContent = [question, new AIMessage({ content: '', tool_calls: [call] }), result];
    expect(await model.invoke(stringContent)).toBeInstanceOf(AIMessage);
    const listContent = [
      question,
      new AIMessage({
        content: [
          { type: 'text', text: 'some text' },
          { type: 'tool_use', id: 'abc123', name: 'adder', input: { a: 1, b: 2 } },
        ],
        tool_calls: [call],
      }),
      result,
    ];
    expect(await model.invoke(listContent)).toBeInstanceOf(AIMessage);
    const sent = emulator.requests.at(-1)?.body as { contents: { role: string; parts: object[] }[] };
    // The tool_use block and the tool call are one call, sent once.
    expect(sent.contents[1]?.parts).toEqual([
      { text: 'some text' },
      { functionCall: { name: 'adder', args: { a: 1, b: 2 } } },
    ]);
    const fewShot = [...stringContent, new AIMessage('3'), new HumanMessage('What is 3 + 4')];
    expect(await model.invoke(fewShot)).toBeInstanceOf(AIMessage);
  });

  it('runs a tool round trip, invoke and stream', async () => {
    const model = chat().bindTools([weather]);
    const messages = [
      new HumanMessage("Use the 'get_current_weather' tool to find the weather in San Francisco."),
    ];
    const first = await model.invoke(messages);
    const call = first.tool_calls?.[0];
    if (!call?.id) throw new Error('expected a tool call with an id');
    const reply = new ToolMessage({ tool_call_id: call.id, name: call.name, content: 'sunny' });
    expect((await model.invoke([...messages, first, reply])).content).not.toBe('');
    const streamed = await streamAll(await model.stream(messages));
    const streamedCall = streamed.tool_calls?.[0];
    if (!streamedCall?.id) throw new Error('expected a streamed tool call');
    const again = new ToolMessage({
      tool_call_id: streamedCall.id,
      name: streamedCall.name,
      content: 'sunny',
    });
    expect((await streamAll(await model.stream([...messages, streamed, again]))).content).not.toBe('');
  });
});

describe('structured output', () => {
  it('parses jsonSchema output (the default) and records the method and schema for tracing', async () => {
    const tracing = new TracingOptions();
    const result = await additionPrompt
      .pipe(chat().withStructuredOutput(adderSchema, { name: 'math_addition' }))
      .invoke({ toolName: 'math_addition' }, { callbacks: [tracing] });
    expect(adderSchema.safeParse(result).success).toBe(true);
    expect(tracing.options[0]?.ls_structured_output_format).toEqual({
      kwargs: { method: 'jsonSchema' },
      schema: toJsonSchema(adderSchema),
    });
  });

  it('parses functionCalling output and records that method', async () => {
    const tracing = new TracingOptions();
    const result = await additionPrompt
      .pipe(chat().withStructuredOutput(adderSchema, { name: 'math_addition', method: 'functionCalling' }))
      .invoke({ toolName: 'math_addition' }, { callbacks: [tracing] });
    expect(adderSchema.safeParse(result).success).toBe(true);
    expect(tracing.options[0]?.ls_structured_output_format).toMatchObject({
      kwargs: { method: 'functionCalling' },
    });
  });

  it('returns raw and parsed with includeRaw, both methods, and records the method', async () => {
    for (const method of ['jsonSchema', 'functionCalling'] as const) {
      const tracing = new TracingOptions();
      const result = (await additionPrompt
        .pipe(chat().withStructuredOutput(adderSchema, { name: 'math_addition', includeRaw: true, method }))
        .invoke({ toolName: 'math_addition' }, { callbacks: [tracing] })) as {
        raw: unknown;
        parsed: unknown;
      };
      expect(result.raw).toBeInstanceOf(AIMessage);
      expect(adderSchema.safeParse(result.parsed).success).toBe(true);
      expect(tracing.options[0]?.ls_structured_output_format).toMatchObject({ kwargs: { method } });
    }
  });

  it('handles a schema with a record of unknown values', async () => {
    const complex = z.object({
      decision: z.enum(['UseAPI', 'UseFallback']),
      explanation: z.string(),
      apiDetails: z.object({ serviceName: z.string(), parameters: z.record(z.string(), z.unknown()) }),
    });
    const result = (await chat().withStructuredOutput(complex).invoke('Decide: use the API.')) as {
      apiDetails: object;
    };
    expect(typeof result.apiDetails).toBe('object');
  });
});

describe('the LangChain cache', () => {
  it('answers a repeated call with complex content from the cache, with no second request', async () => {
    const model = chat({ cache: new InMemoryCache() });
    const message = new HumanMessage({ content: [{ type: 'text', text: 'Hello there!' }] });
    const first = await model.invoke([message]);
    const before = emulator.requests.length;
    const second = await model.invoke([message]);
    expect(emulator.requests.length).toBe(before);
    expect(second.content).toEqual(first.content);
  });
});

describe('requests LangChain hands over that Gemini cannot take', () => {
  const unbuildable = [
    new HumanMessage({ content: [{ type: 'hologram', data: 'x' }] as never }),
    new ToolMessage({ tool_call_id: 'nobody-called-this', content: 'orphan' }),
  ];

  it('fails a message LangChain itself cannot coerce as invalid_request too', async () => {
    const error = await failure(chat().invoke([['wizard', 'hi']] as never));
    expect(error).toMatchObject({ kind: 'invalid_request', retryable: false });
  });

  it.each(unbuildable.map((message) => [message.getType(), message] as const))(
    'fails a %s message as invalid_request on invoke, streaming invoke and stream, sending nothing',
    async (_type, message) => {
      const before = emulator.requests.length;
      const question = new HumanMessage('hi');
      const errors = [
        await failure(chat().invoke([question, message])),
        await failure(chat({ streaming: true }).invoke([question, message])),
        await failure((async () => streamAll(await chat().stream([question, message])))()),
      ];
      for (const error of errors) {
        expect(error).toMatchObject({ kind: 'invalid_request', retryable: false, model: 'gemini-2.5-flash' });
        expect(error.message).toMatch(/message 2/);
      }
      expect(emulator.requests.length).toBe(before);
    },
  );
});
