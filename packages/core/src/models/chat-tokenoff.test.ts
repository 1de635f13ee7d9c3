import { inspect } from 'node:util';
import type { AIMessageChunk } from '@langchain/core/messages';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { startReplayServer } from './test-support/replay-server.js';
import { failure } from './test-support/standard-contract.js';
import type { TokenOffError } from './tokenoff-error.js';

const key = 'tk-live-SECRET-0123456789abcdef';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [key] });
});
afterAll(async () => {
  await emulator.close();
});

function chat(model = 'gemini-2.5-flash', options: Partial<ChatTokenOffInput> = {}) {
  return new ChatTokenOff({ model, apiKey: key, baseUrl: emulator.url, maxRetries: 0, ...options });
}

describe('ChatTokenOff against the emulator', () => {
  it('answers invoke with text, usage that counts thinking, and the answer ids in response_metadata', async () => {
    const answer = await chat('gemini-2.5-pro').invoke('What is the capital of France?');
    const raw = answer.response_metadata.usageMetadata as Record<string, number>;
    expect(typeof answer.content).toBe('string');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(raw.thoughtsTokenCount).toBeGreaterThan(0);
    expect(answer.usage_metadata).toMatchObject({
      input_tokens: raw.promptTokenCount,
      output_tokens: (raw.candidatesTokenCount ?? 0) + (raw.thoughtsTokenCount ?? 0),
      total_tokens: raw.totalTokenCount,
      output_token_details: { reasoning: raw.thoughtsTokenCount },
    });
    expect(answer.response_metadata).toMatchObject({ finishReason: 'STOP', modelVersion: 'gemini-2.5-pro' });
    expect(answer.response_metadata.responseId).toMatch(/\S+/);
  });

  it('streams chunks whose concatenation has the final usage exactly once and the finish metadata once', async () => {
    const model = chat('gemini-2.5-pro');
    let total: AIMessageChunk | undefined;
    let chunks = 0;
    for await (const chunk of await model.stream('Write a long explanation of how rivers form, please.')) {
      total = total ? total.concat(chunk) : chunk;
      chunks += 1;
    }
    expect(chunks).toBeGreaterThan(1);
    const raw = total?.response_metadata.usageMetadata as Record<string, number>;
    expect(total?.usage_metadata).toMatchObject({
      input_tokens: raw.promptTokenCount,
      output_tokens: (raw.candidatesTokenCount ?? 0) + (raw.thoughtsTokenCount ?? 0),
      total_tokens: raw.totalTokenCount,
    });
    expect(total?.response_metadata).toMatchObject({
      finishReason: 'STOP',
      modelVersion: 'gemini-2.5-pro',
      model_name: 'gemini-2.5-pro',
    });
  });

  it('strips a trailing slash from baseUrl and calls the v1beta path under it', async () => {
    const before = emulator.requests.length;
    await chat('gemini-2.5-flash-lite', { baseUrl: `${emulator.url}//` }).invoke('Hi');
    expect(emulator.requests.slice(before).map((r) => r.path)).toEqual([
      '/api/v1beta/models/gemini-2.5-flash-lite:generateContent',
    ]);
  });

  it('reads TOKENOFF_API_KEY and TOKENOFF_BASE_URL from the environment', async () => {
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      env: { TOKENOFF_API_KEY: key, TOKENOFF_BASE_URL: emulator.url },
    });
    expect((await model.invoke('Hello')).text.length).toBeGreaterThan(0);
  });

  it('ignores LANGSMITH_GATEWAY: the base URL is always the TokenOff one', async () => {
    const saved = process.env.LANGSMITH_GATEWAY;
    process.env.LANGSMITH_GATEWAY = 'true';
    try {
      const model = new ChatTokenOff('gemini-2.5-flash', {
        apiKey: key,
        env: { TOKENOFF_BASE_URL: emulator.url },
      });
      expect(model.baseUrl).toBe(emulator.url);
      const before = emulator.requests.length;
      await model.invoke('Hello');
      expect(emulator.requests.length).toBe(before + 1);
    } finally {
      if (saved === undefined) delete process.env.LANGSMITH_GATEWAY;
      else process.env.LANGSMITH_GATEWAY = saved;
    }
  });

  it('refuses to start without a key and names TOKENOFF_API_KEY', () => {
    expect(() => new ChatTokenOff({ model: 'gemini-2.5-flash', env: {} })).toThrow(/TOKENOFF_API_KEY/);
    try {
      new ChatTokenOff({ model: 'gemini-2.5-flash', env: { TOKENOFF_API_KEY: '  ' } });
    } catch (error) {
      expect((error as TokenOffError).kind).toBe('auth');
    }
  });

  it('raises auth for a wrong key, naming the key variable and never the key', async () => {
    const wrong = 'tk-live-WRONG-9999999999';
    const error = await failure(chat('gemini-2.5-flash', { apiKey: wrong }).invoke('Hello'));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Check the apiKey option \(it overrides TOKENOFF_API_KEY\)/);
    const streamed = await failure(
      (async () => {
        for await (const _chunk of await chat('gemini-2.5-flash', { apiKey: wrong }).stream('Hello')) {
          // drain
        }
      })(),
    );
    expect(streamed.kind).toBe('auth');
    for (const thrown of [error, streamed]) {
      const texts = [
        thrown.message,
        JSON.stringify(thrown),
        String(thrown.stack),
        inspect(thrown, { depth: 8 }),
      ];
      for (const text of texts) expect(text).not.toContain(wrong);
    }
  });

  it('sends thinkingLevel MINIMAL, which the stock typings lack, and refuses budget plus level', async () => {
    await chat('gemini-3-flash-preview', { thinkingConfig: { thinkingLevel: 'MINIMAL' } }).invoke('Hello');
    const body = emulator.requests.at(-1)?.body as
      | { generationConfig?: { thinkingConfig?: unknown } }
      | undefined;
    expect(body?.generationConfig?.thinkingConfig).toEqual({ thinkingLevel: 'MINIMAL' });
    expect(() =>
      chat('gemini-3-flash-preview', { thinkingConfig: { thinkingBudget: 100, thinkingLevel: 'low' } }),
    ).toThrow(/sets both thinkingBudget \(100\) and thinkingLevel \("low"\)/);
  });

  it('refuses an empty model id with a clear error', () => {
    expect(() => new ChatTokenOff({ model: ' ', apiKey: key })).toThrow(
      /needs a model id such as 'gemini-2.5-flash'/,
    );
  });

  it('classifies errors for its model and redacts its key', () => {
    const error = chat('gemini-2.5-pro').toTokenOffError(new TypeError(`fetch failed for ${key}`));
    expect(error).toMatchObject({ kind: 'network', model: 'gemini-2.5-pro' });
    expect(error.message).not.toContain(key);
  });

  it('keeps the key out of the serialized and inspected model', () => {
    const model = chat();
    expect(JSON.stringify(model)).not.toContain(key);
    expect(inspect(model, { depth: 6 })).not.toContain(key);
    expect(JSON.stringify(model)).toContain('"type":"secret"');
  });
});

describe('ChatTokenOff on the wire', () => {
  it('sends the key as Authorization Bearer and x-goog-api-key, never in the URL', async () => {
    const server = await startReplayServer();
    try {
      server.answer({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: [
          JSON.stringify({
            candidates: [
              { content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP', index: 0 },
            ],
            usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
          }),
        ],
      });
      await new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key, baseUrl: server.url }).invoke('Hi');
      const [request] = server.requests;
      expect(request?.headers.authorization).toBe(`Bearer ${key}`);
      expect(request?.headers['x-goog-api-key']).toBe(key);
      expect(request?.url).toBe('/api/v1beta/models/gemini-2.5-flash:generateContent');
    } finally {
      await server.close();
    }
  });

  it('sends the cached content set with useCachedContent', async () => {
    const server = await startReplayServer();
    try {
      server.answer({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: [
          JSON.stringify({
            candidates: [
              { content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP', index: 0 },
            ],
            usageMetadata: {
              promptTokenCount: 9,
              cachedContentTokenCount: 8,
              candidatesTokenCount: 1,
              totalTokenCount: 10,
            },
          }),
        ],
      });
      const model = new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key, baseUrl: server.url });
      model.useCachedContent({ name: 'cachedContents/abc123' });
      const answer = await model.invoke('Hi');
      expect(JSON.parse(server.requests[0]?.body ?? '{}').cachedContent).toBe('cachedContents/abc123');
      expect(answer.usage_metadata?.input_token_details?.cache_read).toBe(8);
      expect(() => model.useCachedContent({})).toThrow(/needs a cached content with a `name`/);
    } finally {
      await server.close();
    }
  });
});
