import { GoogleGenAI } from '@google/genai';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';

const apiKey = 'tools-test-key';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [apiKey] });
});
afterAll(async () => {
  await emulator.close();
});

const getWeather = tool(async ({ city }: { city: string }) => `It is sunny and 21 degrees in ${city}.`, {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: z.object({ city: z.string().describe('the city name') }),
});

function chatModel(model: string) {
  return new ChatGoogleGenerativeAI({ model, apiKey, baseUrl: emulator.url, maxRetries: 0 });
}

describe('function calling and structured output through real clients', () => {
  it('@google/genai: a Gemini 3 model calls a declared function with a signature and an id', async () => {
    const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: emulator.url } });
    const response = await ai.models.generateContent({
      model: 'gemini-3-flash-preview',
      contents: 'What is the weather in Paris? Use the tool.',
      config: {
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                description: 'Current weather for a city',
                parametersJsonSchema: {
                  type: 'object',
                  properties: { city: { type: 'string' } },
                  required: ['city'],
                },
              },
            ],
          },
        ],
      },
    });
    const call = response.functionCalls?.[0];
    expect(call?.name).toBe('get_weather');
    expect(call?.args).toHaveProperty('city');
    expect(call?.id).toBeTypeOf('string');
    const part = response.candidates?.[0]?.content?.parts?.find(
      (candidate) => candidate.functionCall !== undefined,
    );
    expect(part?.thoughtSignature).toBeTypeOf('string');
  });

  it('LangChain bindTools: invoke returns tool_calls, and the tool result gets a text answer', async () => {
    const model = chatModel('gemini-2.5-flash').bindTools([getWeather]);
    const question = new HumanMessage('What is the weather in Lisbon right now?');
    const first = await model.invoke([question]);
    expect(first.tool_calls).toHaveLength(1);
    const call = first.tool_calls?.[0];
    expect(call?.name).toBe('get_weather');
    expect(typeof call?.args.city).toBe('string');
    const result = await getWeather.invoke(call?.args as { city: string });
    const second = await model.invoke([
      question,
      first,
      new ToolMessage({ content: String(result), tool_call_id: call?.id ?? '' }),
    ]);
    expect(second.tool_calls ?? []).toHaveLength(0);
    expect(typeof second.content === 'string' ? second.content : JSON.stringify(second.content)).not.toBe('');
  });

  it('LangChain on Gemini 3: the tool loop round-trips the thought signature, so the follow-up is accepted', async () => {
    const model = chatModel('gemini-3.1-pro-preview').bindTools([getWeather]);
    const question = new HumanMessage('Check the weather in Oslo with the tool, please.');
    const first = await model.invoke([question]);
    const call = first.tool_calls?.[0];
    expect(call?.name).toBe('get_weather');
    const second = await model.invoke([
      question,
      first,
      new ToolMessage({ content: 'Snow, -3 degrees.', tool_call_id: call?.id ?? '' }),
    ]);
    expect(second.tool_calls ?? []).toHaveLength(0);
    const sent = emulator.requests.at(-1)?.body as
      | { contents: { role: string; parts: Record<string, unknown>[] }[] }
      | undefined;
    const history = sent?.contents ?? [];
    expect(history[1]?.parts[0]?.thoughtSignature).toBeTypeOf('string');
  });

  it('LangChain streams a tool call whole', async () => {
    const model = chatModel('gemini-2.5-pro').bindTools([getWeather]);
    let calls = 0;
    let args = '';
    for await (const chunk of await model.stream('What is the weather in Madrid today?')) {
      for (const toolChunk of chunk.tool_call_chunks ?? []) {
        calls += 1;
        args += toolChunk.args ?? '';
      }
    }
    expect(calls).toBe(1);
    expect(JSON.parse(args)).toHaveProperty('city');
  });

  it('LangChain withStructuredOutput returns an object valid for the zod schema', async () => {
    const schema = z.object({
      name: z.string().describe('the person name'),
      age: z.number().describe('age in years'),
      tags: z.array(z.string()),
    });
    const structured = chatModel('gemini-2.5-flash').withStructuredOutput(schema);
    const person = await structured.invoke(
      'Extract the person: Ada Lovelace was 36 years old, a mathematician and writer.',
    );
    expect(schema.safeParse(person).success).toBe(true);
    const sent = emulator.requests.at(-1)?.body as {
      generationConfig: { responseMimeType?: string; responseSchema?: unknown };
    };
    expect(sent.generationConfig.responseMimeType).toBe('application/json');
    expect(sent.generationConfig.responseSchema).toBeDefined();
  });
});
