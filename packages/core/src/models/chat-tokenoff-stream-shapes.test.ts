import type { AIMessageChunk } from '@langchain/core/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import { type ReplayServer, startReplayServer } from './test-support/replay-server.js';
import { isTokenOffError } from './tokenoff-error.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

const sse = (...events: object[]) => events.map((event) => `data: ${JSON.stringify(event)}\r\n\r\n`).join('');

async function streamAll(body: string, contentType = 'text/event-stream') {
  server.answer({ status: 200, headers: { 'content-type': contentType }, body: [body] });
  const model = new ChatTokenOff({
    model: 'gemini-2.5-pro',
    apiKey: 'k',
    baseUrl: server.url,
    maxRetries: 0,
  });
  let total: AIMessageChunk | undefined;
  let count = 0;
  for await (const chunk of await model.stream('Hello')) {
    total = total ? total.concat(chunk) : chunk;
    count += 1;
  }
  return { total, count };
}

describe('stream shapes the stock client gets wrong', () => {
  it("keeps the usage and STOP of TokenOff's documented stream, whose last chunk has no parts", async () => {
    // The two events of the streaming example in TokenOff's API documentation, verbatim.
    const body =
      'data: {"candidates": [{"content": {"parts": [{"text": "Hello there! How can I help you today?"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 2,"candidatesTokenCount": 10,"totalTokenCount": 424,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 2}],"thoughtsTokenCount": 412},"modelVersion": "gemini-2.5-pro","responseId": "I-7gaaaYE92p1MkPkPr1wAM"}\r\n\r\n' +
      'data: {"candidates": [{"content": {"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 2,"candidatesTokenCount": 10,"totalTokenCount": 424,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 2}],"thoughtsTokenCount": 412},"modelVersion": "gemini-2.5-pro","responseId": "I-7gaaaYE92p1MkPkPr1wAM"}\r\n\r\n';
    const { total, count } = await streamAll(body);
    expect(count).toBe(2);
    expect(total?.text).toBe('Hello there! How can I help you today?');
    expect(total?.usage_metadata).toMatchObject({
      input_tokens: 2,
      output_tokens: 422,
      total_tokens: 424,
      output_token_details: { reasoning: 412 },
    });
    expect(total?.response_metadata).toMatchObject({
      finishReason: 'STOP',
      modelVersion: 'gemini-2.5-pro',
      responseId: 'I-7gaaaYE92p1MkPkPr1wAM',
    });
  });

  it('does not count usage twice when later chunks carry none', async () => {
    const body = sse(
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] }, index: 0 }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 },
      },
      { candidates: [{ content: { role: 'model', parts: [{ text: 'b' }] }, index: 0 }] },
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'c' }] }, finishReason: 'STOP', index: 0 }],
      },
    );
    const { total } = await streamAll(body);
    expect(total?.text).toBe('abc');
    expect(total?.usage_metadata).toMatchObject({ input_tokens: 3, output_tokens: 1, total_tokens: 4 });
  });

  it('reads the JSON-array stream form as well as SSE', async () => {
    const chunk = (text: string, extra: object = {}) => ({
      candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0, ...extra }],
      usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 2, totalTokenCount: 4 },
    });
    const body = `[${JSON.stringify(chunk('one '), null, 2)}\n,\r\n${JSON.stringify(chunk('two', { finishReason: 'STOP' }), null, 2)}\n]`;
    const { total } = await streamAll(body, 'application/json; charset=UTF-8');
    expect(total?.text).toBe('one two');
    expect(total?.usage_metadata?.total_tokens).toBe(4);
  });

  it('raises network, not success, when a clean close comes before any finishReason', async () => {
    const body = sse({
      candidates: [{ content: { role: 'model', parts: [{ text: 'The answer is' }] }, index: 0 }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 3, totalTokenCount: 6 },
    });
    let error: unknown;
    try {
      await streamAll(body);
    } catch (thrown) {
      error = thrown;
    }
    expect(isTokenOffError(error) && error.kind).toBe('network');
    expect(isTokenOffError(error) && error.usage?.totalTokens).toBe(6);
  });

  it('raises network when the connection dies inside an event', async () => {
    server.answer({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: ['data: {"candidates": [{"content": {"parts": [{"text": "Hel', (socket) => socket.destroy()],
    });
    const model = new ChatTokenOff({
      model: 'gemini-2.5-pro',
      apiKey: 'k',
      baseUrl: server.url,
      maxRetries: 0,
    });
    let error: unknown;
    try {
      for await (const _chunk of await model.stream('Hello')) {
        // drain
      }
    } catch (thrown) {
      error = thrown;
    }
    expect(isTokenOffError(error) && error.kind).toBe('network');
  });
});
