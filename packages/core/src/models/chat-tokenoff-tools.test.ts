import { type AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChatTokenOff } from './chat-tokenoff.js';
import { thoughtSignaturesKey } from './gemini-parts.js';

const key = 'tk-live-SECRET-tools-7';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [key] });
});
afterEach(() => emulator.clearScript());
afterAll(async () => {
  await emulator.close();
});

function chat(model: string) {
  return new ChatTokenOff({ model, apiKey: key, baseUrl: emulator.url, maxRetries: 0 });
}

const getWeather = tool(async ({ city }) => `sunny in ${city}`, {
  name: 'get_weather',
  description: 'The weather in a city',
  schema: z.object({ city: z.string() }),
});

const usage = { promptTokenCount: 20, candidatesTokenCount: 10, thoughtsTokenCount: 30, totalTokenCount: 60 };
const firstSignature = 'c2lnbmF0dXJlLW9mLXRoZS1maXJzdC1jYWxs';
const callParts = [
  {
    functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call-paris' },
    thoughtSignature: firstSignature,
  },
  { functionCall: { name: 'get_weather', args: { city: 'Rome' }, id: 'call-rome' } },
];

/** The model turn of the last request the emulator received (the history sent back). */
function lastModelTurnParts(): Record<string, unknown>[] {
  const body = emulator.requests.at(-1)?.body as {
    contents: { role: string; parts: Record<string, unknown>[] }[];
  };
  return body.contents.find((content) => content.role === 'model')?.parts ?? [];
}

describe('Gemini 3 tool conversations', () => {
  it('keeps thought signatures on parallel tool calls and sends them back on the next turn (invoke)', async () => {
    emulator.script([
      {
        model: 'gemini-3-flash-preview',
        times: 1,
        response: {
          candidates: [{ content: { role: 'model', parts: callParts }, finishReason: 'STOP', index: 0 }],
          usageMetadata: usage,
          modelVersion: 'gemini-3-flash-preview',
          responseId: 'scripted-1',
        },
      },
    ]);
    const model = chat('gemini-3-flash-preview').bindTools([getWeather]);
    const question = new HumanMessage('What is the weather in Paris and Rome?');
    const first = await model.invoke([question]);
    expect(first.tool_calls?.map((call) => [call.id, call.name, call.args])).toEqual([
      ['call-paris', 'get_weather', { city: 'Paris' }],
      ['call-rome', 'get_weather', { city: 'Rome' }],
    ]);
    expect(first.additional_kwargs[thoughtSignaturesKey]).toEqual({ 'call-paris': firstSignature });

    const second = await model.invoke([
      question,
      first,
      new ToolMessage({ tool_call_id: 'call-paris', name: 'get_weather', content: 'sunny' }),
      new ToolMessage({ tool_call_id: 'call-rome', name: 'get_weather', content: 'rain' }),
    ]);
    expect(second.text.length).toBeGreaterThan(0);
    const sent = lastModelTurnParts();
    expect(sent[0]).toMatchObject({
      functionCall: { name: 'get_weather' },
      thoughtSignature: firstSignature,
    });
  });

  it('keeps thought signatures when the calls arrive in separate stream chunks', async () => {
    const chunk = (parts: unknown[], extra: object = {}) => ({
      candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
      usageMetadata: usage,
      modelVersion: 'gemini-3.1-pro-preview',
      responseId: 'scripted-2',
    });
    emulator.script([
      {
        model: 'gemini-3.1-pro-preview',
        times: 1,
        chunks: [
          chunk([callParts[0]]),
          chunk([callParts[1]]),
          chunk([{ text: '' }], { finishReason: 'STOP' }),
        ],
      },
    ]);
    const model = chat('gemini-3.1-pro-preview').bindTools([getWeather]);
    const question = new HumanMessage('What is the weather in Paris and Rome?');
    let first: AIMessageChunk | undefined;
    for await (const part of await model.stream([question])) first = first ? first.concat(part) : part;
    expect(first?.tool_calls?.map((call) => call.id)).toEqual(['call-paris', 'call-rome']);
    expect(first?.usage_metadata).toMatchObject({ input_tokens: 20, output_tokens: 40, total_tokens: 60 });

    if (!first) throw new Error('no stream');
    const second = await model.invoke([
      question,
      first,
      new ToolMessage({ tool_call_id: 'call-paris', name: 'get_weather', content: 'sunny' }),
      new ToolMessage({ tool_call_id: 'call-rome', name: 'get_weather', content: 'rain' }),
    ]);
    expect(second.text.length).toBeGreaterThan(0);
    expect(lastModelTurnParts()[0]).toMatchObject({ thoughtSignature: firstSignature });
  });
});

describe("the emulator's own model in a tool loop", () => {
  it.each(['gemini-3-flash-preview', 'gemini-3.1-pro-preview', 'gemini-2.5-flash'])(
    'runs a two-turn tool conversation on %s, sending each call back with its signature',
    async (modelId) => {
      const model = chat(modelId).bindTools([getWeather]);
      const question = new HumanMessage('Use get_weather to find the weather in Paris.');
      const first = await model.invoke([question]);
      expect(first.tool_calls?.length).toBeGreaterThan(0);
      const results = await Promise.all(
        (first.tool_calls ?? []).map(
          async (call) =>
            new ToolMessage({
              tool_call_id: call.id ?? '',
              name: call.name,
              content: String(await getWeather.invoke(call.args as { city: string })),
            }),
        ),
      );
      const second = await model.invoke([question, first, ...results]);
      expect(second.text.length).toBeGreaterThan(0);
      const signatures = first.additional_kwargs[thoughtSignaturesKey] as Record<string, string>;
      const firstId = first.tool_calls?.[0]?.id ?? '';
      if (modelId.startsWith('gemini-3')) {
        expect(signatures[firstId]).toMatch(/\S+/);
        expect(lastModelTurnParts()[0]).toMatchObject({ thoughtSignature: signatures[firstId] });
      }
    },
  );

  it('returns structured output through function calling', async () => {
    const schema = z.object({ city: z.string() });
    const result = await chat('gemini-3-flash-preview')
      .withStructuredOutput(schema, { method: 'functionCalling' })
      .invoke('Extract the city: I live in Paris');
    expect(schema.parse(result).city).toBe('Paris');
  });
});

describe('thoughts', () => {
  it('returns thought summaries as thinking blocks and accepts them back in the history', async () => {
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      apiKey: key,
      baseUrl: emulator.url,
      maxRetries: 0,
      thinkingConfig: { includeThoughts: true },
    });
    const question = new HumanMessage('Why is the sky blue?');
    const first = await model.invoke([question]);
    const blocks = Array.isArray(first.content) ? first.content : [];
    expect(blocks.some((block) => (block as { type?: string }).type === 'thinking')).toBe(true);
    expect(first.text.length).toBeGreaterThan(0);
    const second = await model.invoke([question, first, new HumanMessage('And at sunset?')]);
    expect(second.text.length).toBeGreaterThan(0);
  });
});

describe('LangChain features through ChatTokenOff', () => {
  it('returns schema-valid structured output with withStructuredOutput', async () => {
    const schema = z.object({ title: z.string(), year: z.number() });
    const result = await chat('gemini-2.5-flash')
      .withStructuredOutput(schema)
      .invoke('Name a film and its year.');
    expect(schema.safeParse(result).success).toBe(true);
    const body = emulator.requests.at(-1)?.body as { generationConfig: Record<string, unknown> };
    expect(body.generationConfig.responseMimeType).toBe('application/json');
  });

  it('answers a batch, one answer per input', async () => {
    const answers = await chat('gemini-2.5-flash-lite').batch(['One?', 'Two?', 'Three?'], {
      maxConcurrency: 2,
    });
    expect(answers).toHaveLength(3);
    for (const answer of answers) expect(answer.text.length).toBeGreaterThan(0);
  });

  it('sends the safety settings given to the constructor', async () => {
    const safetySettings = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }];
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      apiKey: key,
      baseUrl: emulator.url,
      safetySettings: safetySettings as never,
    });
    await model.invoke('Hello');
    const body = emulator.requests.at(-1)?.body as { safetySettings?: unknown } | undefined;
    expect(body?.safetySettings).toEqual(safetySettings);
  });

  it('honours the stop call option, which the stock client ignores', async () => {
    await chat('gemini-2.5-flash').invoke('Hello', { stop: ['END'] });
    const body = emulator.requests.at(-1)?.body as { generationConfig: { stopSequences: string[] } };
    expect(body.generationConfig.stopSequences).toEqual(['END']);
  });

  it('reports each streamed token to callbacks', async () => {
    const tokens: string[] = [];
    const answer = await chat('gemini-2.5-flash').invoke('Tell me about the moon.', {
      callbacks: [{ handleLLMNewToken: (token: string) => void tokens.push(token) }],
    });
    expect(tokens.join('')).toBe(answer.text);
  });
});

describe('LangChain content-block event streams', () => {
  it('streams events through ChatTokenOff, not the SDK, with counted thinking', async () => {
    const model = chat('gemini-2.5-pro');
    const before = emulator.requests.length;
    const stream = model.streamEvents('Explain how tides work.', {
      version: 'v3',
    } as never) as unknown as PromiseLike<import('@langchain/core/messages').AIMessage>;
    const message = await stream;
    expect(message.text.length).toBeGreaterThan(0);
    expect(message.usage_metadata?.output_token_details?.reasoning).toBeGreaterThan(0);
    expect(emulator.requests.slice(before).map((r) => r.headers['x-goog-api-client'])).toEqual([
      'tokenflow/0.1.0',
    ]);
  });
});
