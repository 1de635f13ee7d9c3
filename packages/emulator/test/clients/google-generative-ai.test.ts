import { GoogleGenerativeAI } from '@google/generative-ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';

const apiKey = 'generative-ai-test-key';
let emulator: EmulatorHandle;
let client: GoogleGenerativeAI;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [apiKey] });
  client = new GoogleGenerativeAI(apiKey);
});
afterAll(async () => {
  await emulator.close();
});

describe('@google/generative-ai 0.24 against the emulator (requestOptions.baseUrl)', () => {
  it('generates content through the SDK with its own headers', async () => {
    const model = client.getGenerativeModel({ model: 'gemini-2.5-flash' }, { baseUrl: emulator.url });
    const result = await model.generateContent('Hello there');
    expect(result.response.text().length).toBeGreaterThan(0);
    expect(result.response.usageMetadata?.promptTokenCount).toBeGreaterThan(0);
    const sent = emulator.requests.at(-1);
    expect(sent?.headers['x-goog-api-client']).toMatch(/^genai-js\/0\.24/);
    expect(sent?.path).toBe('/api/v1beta/models/gemini-2.5-flash:generateContent');
  });

  it('parses the SSE stream and aggregates it', async () => {
    const model = client.getGenerativeModel({ model: 'gemini-2.5-pro' }, { baseUrl: emulator.url });
    const result = await model.generateContentStream(
      'Explain in detail, over several paragraphs, why the sky looks blue at noon and red at sunset.',
    );
    let streamed = '';
    let chunks = 0;
    for await (const chunk of result.stream) {
      streamed += chunk.text();
      chunks += 1;
    }
    const aggregated = await result.response;
    expect(chunks).toBeGreaterThan(1);
    expect(aggregated.text()).toBe(streamed);
    expect(aggregated.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('counts tokens', async () => {
    const model = client.getGenerativeModel({ model: 'gemini-2.5-flash-lite' }, { baseUrl: emulator.url });
    const counted = await model.countTokens('one two three four');
    const generated = await model.generateContent('one two three four');
    expect(counted.totalTokens).toBe(generated.response.usageMetadata?.promptTokenCount);
  });

  it('throws a GoogleGenerativeAIFetchError with status and details for an unknown model', async () => {
    const model = client.getGenerativeModel({ model: 'gemini-1.0-ultra' }, { baseUrl: emulator.url });
    await expect(model.generateContent('Hi')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('models/gemini-1.0-ultra is not found for API version v1beta'),
    });
  });
});
