import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';

const apiKey = 'genai-test-key';
let emulator: EmulatorHandle;
let ai: GoogleGenAI;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [apiKey] });
  ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: emulator.url } });
});
afterAll(async () => {
  await emulator.close();
});

describe('@google/genai 2.x against the emulator (httpOptions.baseUrl)', () => {
  it('generates content as in the TokenOff TypeScript example', async () => {
    const response = await ai.models.generateContent({ model: 'gemini-2.5-pro', contents: 'Hello' });
    expect(response.text?.length).toBeGreaterThan(0);
    expect(response.modelVersion).toBe('gemini-2.5-pro');
    expect(response.responseId).toBeTypeOf('string');
    expect(response.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    const sent = emulator.requests.at(-1);
    expect(sent?.path).toBe('/api/v1beta/models/gemini-2.5-pro:generateContent');
    expect(sent?.apiKeySource).toBe('x-goog-api-key');
  });

  it('streams content, each chunk carrying usage, and the last one STOP', async () => {
    const stream = await ai.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'Write a long explanation of how rivers form deltas, with several paragraphs of detail.',
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.usageMetadata?.promptTokenCount !== undefined)).toBe(true);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(emulator.requests.at(-1)?.query.alt).toBe('sse');
  });

  it('counts tokens like generateContent counts the prompt', async () => {
    const contents = 'How many tokens is this sentence, exactly?';
    const counted = await ai.models.countTokens({ model: 'gemini-2.5-flash', contents });
    const generated = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents });
    expect(counted.totalTokens).toBe(generated.usageMetadata?.promptTokenCount);
  });

  it('lists and gets models', async () => {
    const names: string[] = [];
    for await (const model of await ai.models.list()) names.push(model.name ?? '');
    expect(names).toContain('models/gemini-3.1-pro-preview');
    expect(names).toHaveLength(5);
    const model = await ai.models.get({ model: 'gemini-2.5-flash-lite' });
    expect(model.inputTokenLimit).toBe(1048576);
    expect(model.outputTokenLimit).toBe(65536);
  });

  it('refuses a Gemini 3 history function call without its thought signature, with the real 400', async () => {
    const call = ai.models.generateContent({
      model: 'gemini-3-flash-preview',
      contents: [
        { role: 'user', parts: [{ text: 'What is the weather in Paris?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { result: 'sunny' } } }],
        },
      ],
      config: {
        tools: [
          { functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object' } }] },
        ],
      },
    });
    await expect(call).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(
        'Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly',
      ),
    });
  });

  it('surfaces a wrong key as the SDK error with status 400', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'wrong-key', httpOptions: { baseUrl: emulator.url } });
    await expect(
      wrong.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('API key not valid'),
    });
  });
});
