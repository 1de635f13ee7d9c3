/*
 * LangChain's standard chat-model contract, tools and structured output (the mapping from each standard
 * test to these is at the top of chat-tokenoff-contract.test.ts). The prompts, tools and schemas are the
 * standard tests' own (test-support/standard-contract.ts), against the emulator.
 */

import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import {
  AdderTool,
  adderSchema,
  mathAdditionPrompt,
  RunRecorder,
  streamAll,
  weatherTool,
} from './test-support/standard-contract.js';

const key = 'tk-live-8RkV2nQpZs';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [key] });
});
afterAll(async () => {
  await emulator.close();
});

/** The model as the standard integration tests build it: from the integration's own arguments only. */
function chat(options: Partial<ChatTokenOffInput> = {}) {
  return new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key, baseUrl: emulator.url, ...options });
}

const weatherParams = {
  name: 'get_current_weather',
  description: 'Get the current weather in a given location',
  schema: z.object({ location: z.string().describe('The city name, e.g. San Francisco') }),
};

describe('tool calls', () => {
  it('calls an asTool runnable once, with two numbers, an id and the tool_call type', async () => {
    const runnableTool = RunnableLambda.from(() => undefined).asTool({
      name: 'math_addition',
      description: 'Add two integers',
      schema: adderSchema,
    });
    const answer = await mathAdditionPrompt
      .pipe(chat().bindTools([runnableTool]))
      .invoke({ toolName: 'math_addition' });
    expect(answer.tool_calls).toHaveLength(1);
    expect(answer.tool_calls?.[0]).toMatchObject({
      name: 'math_addition',
      args: { a: expect.any(Number), b: expect.any(Number) },
      id: expect.any(String),
      type: 'tool_call',
    });
    expect(Object.keys(answer.tool_calls?.[0]?.args ?? {}).sort()).toEqual(['a', 'b']);
  });

  it('calls an OpenAI-format tool', async () => {
    const openAiTool = {
      type: 'function',
      function: {
        name: 'math_addition',
        description: 'Add two integers',
        parameters: toJsonSchema(adderSchema),
      },
    };
    const answer = await mathAdditionPrompt
      .pipe(chat().bindTools([openAiTool]))
      .invoke({ toolName: 'math_addition' });
    expect(answer.tool_calls?.[0]?.name).toBe('math_addition');
  });

  it('calls a tool given as tool params, by invoke and by stream, with its location', async () => {
    const model = chat().bindTools([weatherParams]);
    const prompt = "What's the weather like in San Francisco today?";
    for (const answer of [await model.invoke(prompt), await streamAll(await model.stream(prompt))]) {
      expect(answer.tool_calls?.length).toBeGreaterThanOrEqual(1);
      expect(answer.tool_calls?.[0]?.name).toBe('get_current_weather');
      expect(answer.tool_calls?.[0]?.args).toHaveProperty('location');
    }
  });

  it('calls AdderTool(1, 2) once with those arguments and an id (testToolCalling, not run by the runner)', async () => {
    const answer = await chat()
      .bindTools([new AdderTool()])
      .invoke('What is the value of adderTool(1, 2)? Use the tool.');
    expect(answer).toBeInstanceOf(AIMessage);
    expect(answer.tool_calls).toHaveLength(1);
    expect(answer.tool_calls?.[0]).toMatchObject({
      name: 'AdderTool',
      args: { a: 1, b: 2 },
      type: 'tool_call',
    });
    expect(answer.tool_calls?.[0]?.id).toEqual(expect.any(String));
  });

  it("streams a tool call with usage when the prompt names another tool than the bound AdderTool (the standard test's own mismatch)", async () => {
    const streamed = await streamAll(
      await mathAdditionPrompt
        .pipe(chat().bindTools([new AdderTool()]))
        .stream({ toolName: 'math_addition' }),
    );
    expect(streamed.tool_calls?.[0]).toBeDefined();
    expect(streamed.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(streamed.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it('makes parallel tool calls by invoke and by stream, then answers their results without calling again', async () => {
    const currentTime = tool(() => 'no-op', {
      name: 'get_current_time',
      description: 'Get the current time in a given location',
      schema: z.object({ location: z.string().describe('The city name, e.g. San Francisco') }),
    });
    const weather = tool(() => 'no-op', weatherParams);
    const model = chat().bindTools([weather, currentTime]);
    const prompt =
      "What's the weather and current time in San Francisco?\n" +
      "Ensure you ALWAYS call the 'get_current_weather' tool for weather and 'get_current_time' tool for time.";
    const invoked = await model.invoke(prompt);
    const streamed = await streamAll(await model.stream(prompt));
    for (const answer of [invoked, streamed]) {
      expect(answer.tool_calls?.length).toBeGreaterThanOrEqual(2);
      const names = answer.tool_calls?.map((call) => call.name);
      expect(names).toContain('get_current_weather');
      expect(names).toContain('get_current_time');
    }
    const idOf = (name: string) => invoked.tool_calls?.find((call) => call.name === name)?.id ?? '';
    const history = [
      new HumanMessage(prompt),
      invoked,
      new ToolMessage({
        name: 'get_current_weather',
        tool_call_id: idOf('get_current_weather'),
        content: 'It is currently 24 degrees with hail in San Francisco.',
      }),
      new ToolMessage({
        name: 'get_current_time',
        tool_call_id: idOf('get_current_time'),
        content: 'The current time in San Francisco is 12:02 PM.',
      }),
    ];
    const answer = await model.invoke(history);
    expect(answer.tool_calls ?? []).toHaveLength(0);
    expect(answer.text).not.toBe('');
  });
});

describe('tool histories', () => {
  const call = { name: 'AdderTool', args: { a: 1, b: 2 }, id: 'abc123', type: 'tool_call' as const };

  async function historyWith(ai: AIMessage): Promise<BaseMessage[]> {
    const result = await new AdderTool().invoke({ a: 1, b: 2 });
    return [new HumanMessage('What is 1 + 2'), ai, new ToolMessage(result, 'abc123', 'AdderTool')];
  }

  it('continues a tool history with string content', async () => {
    const messages = await historyWith(new AIMessage({ content: '', tool_calls: [call] }));
    const answer = await chat().bindTools([new AdderTool()]).invoke(messages);
    expect(answer).toBeInstanceOf(AIMessage);
    expect(answer.content).toBeDefined();
  });

  it('continues a tool history with list content (a tool_use block), sending the call once', async () => {
    const messages = await historyWith(
      new AIMessage({
        content: [
          { type: 'text', text: 'some text' },
          { type: 'tool_use', id: 'abc123', name: 'AdderTool', input: { a: 1, b: 2 } },
        ],
        tool_calls: [call],
      }),
    );
    const answer = await chat().bindTools([new AdderTool()]).invoke(messages);
    expect(answer).toBeInstanceOf(AIMessage);
    expect(answer.content).toBeDefined();
    const sent = emulator.requests.at(-1)?.body as { contents: { role: string; parts: object[] }[] };
    expect(sent.contents[1]?.parts).toEqual([
      { text: 'some text' },
      { functionCall: { name: 'AdderTool', args: { a: 1, b: 2 } } },
    ]);
  });

  it('continues few-shot tool turns', async () => {
    const messages = await historyWith(new AIMessage({ content: '', tool_calls: [call] }));
    const result = await new AdderTool().invoke({ a: 1, b: 2 });
    const fewShot = [...messages, new AIMessage(result), new HumanMessage('What is 3 + 4')];
    expect(await chat().bindTools([new AdderTool()]).invoke(fewShot)).toBeInstanceOf(AIMessage);
  });

  it('runs a tool round trip with invoke', async () => {
    const model = chat().bindTools([weatherTool]);
    const messages: BaseMessage[] = [
      new HumanMessage(
        "What's the weather like in San Francisco right now? Use the 'get_current_weather' tool to find the answer.",
      ),
    ];
    const first = await model.invoke(messages);
    const call = first.tool_calls?.[0];
    if (!call) throw new Error('expected a tool call');
    expect(call.name).toBe('get_current_weather');
    const content = await weatherTool.invoke(call.args as z.infer<typeof weatherTool.schema>);
    messages.push(first, new ToolMessage({ tool_call_id: call.id ?? '', name: call.name, content }));
    expect((await model.invoke(messages)).content).not.toBe('');
  });

  it('runs a tool round trip with stream', async () => {
    const model = chat().bindTools([weatherTool]);
    const messages: BaseMessage[] = [
      new HumanMessage(
        "What's the weather like in San Francisco right now? Use the 'get_current_weather' tool to find the answer.",
      ),
    ];
    const first = await streamAll(await model.stream(messages));
    const call = first.tool_calls?.[0];
    if (!call) throw new Error('expected a streamed tool call');
    expect(call.name).toBe('get_current_weather');
    const content = await weatherTool.invoke(call.args as z.infer<typeof weatherTool.schema>);
    messages.push(first, new ToolMessage({ tool_call_id: call.id ?? '', name: call.name, content }));
    expect((await streamAll(await model.stream(messages))).content).not.toBe('');
  });
});

describe('structured output', () => {
  async function structured(options: Record<string, unknown>) {
    const recorder = new RunRecorder();
    const result = await mathAdditionPrompt
      .pipe(chat().withStructuredOutput(adderSchema, { name: 'math_addition', ...options }))
      .invoke({ toolName: 'math_addition' }, { callbacks: [recorder] });
    return {
      result: result as Record<string, unknown>,
      format: recorder.startOptions?.ls_structured_output_format,
    };
  }

  it('passes every assertion of testWithStructuredOutput with method functionCalling', async () => {
    const { result, format } = await structured({ method: 'functionCalling' });
    expect(typeof result.a).toBe('number');
    expect(typeof result.b).toBe('number');
    expect(format).toEqual({ kwargs: { method: 'functionCalling' }, schema: toJsonSchema(adderSchema) });
  });

  it('passes every assertion of testWithStructuredOutputIncludeRaw with method functionCalling', async () => {
    const { result, format } = await structured({ method: 'functionCalling', includeRaw: true });
    expect(result.raw).toBeInstanceOf(AIMessage);
    expect(result.parsed).toEqual({ a: expect.any(Number), b: expect.any(Number) });
    expect(format).toEqual({ kwargs: { method: 'functionCalling' }, schema: toJsonSchema(adderSchema) });
  });

  it('parses the default method (jsonSchema), plain and with includeRaw, and records that method, not functionCalling', async () => {
    // The one place we differ from the standard tests as written (see the table's DIFFERS note).
    const plain = await structured({});
    expect(plain.result).toEqual({ a: expect.any(Number), b: expect.any(Number) });
    expect(plain.format).toEqual({ kwargs: { method: 'jsonSchema' }, schema: toJsonSchema(adderSchema) });
    const raw = await structured({ includeRaw: true });
    expect(raw.result.raw).toBeInstanceOf(AIMessage);
    expect(raw.result.parsed).toEqual({ a: expect.any(Number), b: expect.any(Number) });
    expect(raw.format).toEqual({ kwargs: { method: 'jsonSchema' }, schema: toJsonSchema(adderSchema) });
    const sent = emulator.requests.at(-1)?.body as { generationConfig: { responseSchema?: object } };
    expect(sent.generationConfig.responseSchema).toBeDefined();
  });

  const complex = z.object({
    decision: z.enum(['UseAPI', 'UseFallback']),
    explanation: z.string(),
    apiDetails: z.object({
      serviceName: z.string(),
      endpointName: z.string(),
      parameters: z.record(z.string(), z.unknown()),
      extractionPath: z.string(),
    }),
  });
  const servicePrompt = ChatPromptTemplate.fromMessages([
    ['system', "You're a helpful assistant. Always use the {toolName} tool."],
    [
      'human',
      "I want to use the UseAPI because it's faster. For the API details use the following:\n" +
        'Service name: {serviceName}\nEndpoint name: {endpointName}\nParameters: {parameters}\n' +
        'Extraction path: {extractionPath}',
    ],
  ]);
  const serviceValues = {
    toolName: 'service_tool',
    serviceName: 'MyService',
    endpointName: 'MyEndpoint',
    parameters: JSON.stringify({ param1: 'value1', param2: 'value2' }),
    extractionPath: 'Users/johndoe/data',
  };

  it('handles a schema with a record of unknown values, both methods', async () => {
    for (const method of ['jsonSchema', 'functionCalling'] as const) {
      const model = chat().withStructuredOutput(complex, { name: 'service_tool', method });
      const result = (await servicePrompt.pipe(model).invoke(serviceValues)) as z.infer<typeof complex>;
      expect(result.decision).toBeDefined();
      expect(result.explanation).toBeDefined();
      expect(typeof result.apiDetails).toBe('object');
    }
  });

  it('fails a structured answer cut at 100 output tokens with an error naming the limit, both methods', async () => {
    // The emulator's `explanation` runs to ~75 tokens, so the JSON (or the forced call) does not fit.
    const limited = { maxTokens: 100, thinkingConfig: { thinkingBudget: 0 } };
    const json = chat(limited).withStructuredOutput(complex, { name: 'service_tool' });
    await expect(servicePrompt.pipe(json).invoke(serviceValues)).rejects.toThrow(
      /cut at the output limit \(finishReason MAX_TOKENS\): raise maxOutputTokens/,
    );
    const call = chat(limited).withStructuredOutput(complex, {
      name: 'service_tool',
      method: 'functionCalling',
    });
    await expect(servicePrompt.pipe(call).invoke(serviceValues)).rejects.toMatchObject({ kind: 'truncated' });
  });
});
