import { readdirSync } from 'node:fs';
import type { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { recordedFixturesDir } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import { thoughtSignaturesKey } from './gemini-parts.js';
import type { GeminiResponse } from './gemini-response.js';
import { type ReplayServer, recordedAnswer, startReplayServer } from './test-support/replay-server.js';
import { isTokenOffError, type TokenOffError } from './tokenoff-error.js';

const key = 'tk-live-SECRET-recorded';
let server: ReplayServer;

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(async () => {
  await server.close();
});

const names = readdirSync(recordedFixturesDir)
  .filter((file) => file.endsWith('.response.txt'))
  .map((file) => file.replace(/\.response\.txt$/, ''))
  .sort();

/** The recorded answer as the API sent it: one response (unary) or the stream's chunks. */
function recordedChunks(body: string, streaming: boolean): GeminiResponse[] {
  if (!streaming) return [JSON.parse(body) as GeminiResponse];
  return body
    .split('\r\n\r\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => JSON.parse(event.slice(6)) as GeminiResponse);
}

/** Replays one fixture through ChatTokenOff (stream for streamed recordings) and returns what came out. */
async function replay(name: string, options: { truncatedAnswers?: 'return' | 'throw' } = {}) {
  const { answer, meta, body } = recordedAnswer(name);
  server.answer(answer);
  const model = new ChatTokenOff({
    model: meta.model ?? 'gemini-2.5-flash',
    apiKey: key,
    baseUrl: server.url,
    maxRetries: 0,
    ...options,
  });
  const chunks = recordedChunks(body, meta.streaming);
  try {
    let message: AIMessage | AIMessageChunk | undefined;
    if (meta.streaming) {
      let total: AIMessageChunk | undefined;
      for await (const chunk of await model.stream('replay')) total = total ? total.concat(chunk) : chunk;
      message = total;
    } else {
      message = await model.invoke('replay');
    }
    return { meta, chunks, message, error: undefined };
  } catch (error) {
    if (!isTokenOffError(error)) throw error;
    return { meta, chunks, message: undefined, error: error as TokenOffError };
  }
}

const failures: Record<string, Partial<TokenOffError>> = {
  '015-sse-unexpected-tool-call-finish-gemini-2.5-flash': { kind: 'server', reason: 'UNEXPECTED_TOOL_CALL' },
  '017-error-401-vertex-api-key-not-supported': { kind: 'auth', status: 401, rpcStatus: 'UNAUTHENTICATED' },
  '020-error-403-unregistered-caller': { kind: 'auth', status: 403, rpcStatus: 'PERMISSION_DENIED' },
  '023-unary-prompt-blocked-prohibited-content': { kind: 'blocked', reason: 'PROHIBITED_CONTENT' },
  '024-stream-prompt-blocked-prohibited-content': { kind: 'blocked', reason: 'PROHIBITED_CONTENT' },
  '025-error-400-penalty-not-enabled': { kind: 'invalid_request', status: 400 },
  '026-error-400-forced-function-calling-with-json-mime': { kind: 'invalid_request', status: 400 },
  '027-error-400-thinking-level-minimal-unsupported': { kind: 'invalid_request', status: 400 },
  '028-error-400-thinking-budget-and-level-both-set': { kind: 'invalid_request', status: 400 },
  '029-error-404-model-not-found': { kind: 'not_found', status: 404, rpcStatus: 'NOT_FOUND' },
  '032-unary-finish-safety-gemini-1.5-flash': { kind: 'blocked', reason: 'SAFETY' },
};

describe('recorded Gemini traffic replayed byte for byte through ChatTokenOff', () => {
  it('covers every recorded exchange', () => {
    expect(names.length).toBeGreaterThanOrEqual(32);
  });

  for (const name of names.filter((n) => failures[n] === undefined)) {
    it(`parses ${name}: text, calls, signatures, usage and ids`, async () => {
      const { chunks, message, error } = await replay(name);
      expect(error).toBeUndefined();
      if (!message) throw new Error('no message');
      const parts = chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
      const text = parts
        .filter((p) => !p.thought && typeof p.text === 'string')
        .map((p) => p.text)
        .join('');
      expect(message.text).toBe(text);

      const thoughts = parts.filter((p) => p.thought).map((p) => p.text);
      const blocks = Array.isArray(message.content) ? message.content : [];
      const thinking = blocks.filter((b) => (b as { type?: string }).type === 'thinking');
      expect(thinking.map((b) => (b as unknown as { thinking: string }).thinking).join('')).toBe(
        thoughts.join(''),
      );

      const calls = parts.filter((p) => p.functionCall);
      expect(message.tool_calls?.map((c) => [c.name, c.args])).toEqual(
        calls.map((p) => [p.functionCall?.name, p.functionCall?.args ?? {}]),
      );
      const signatures = (message.additional_kwargs[thoughtSignaturesKey] ?? {}) as Record<string, string>;
      calls.forEach((part, index) => {
        const id = message.tool_calls?.[index]?.id ?? '';
        if (part.functionCall?.id) expect(id).toBe(part.functionCall.id);
        expect(signatures[id]).toBe(part.thoughtSignature);
      });

      const last = chunks.at(-1);
      const raw = last?.usageMetadata ?? {};
      const input = (raw.promptTokenCount ?? 0) + (raw.toolUsePromptTokenCount ?? 0);
      const output = (raw.candidatesTokenCount ?? 0) + (raw.thoughtsTokenCount ?? 0);
      expect(message.usage_metadata).toMatchObject({
        input_tokens: input,
        output_tokens: output,
        total_tokens: input + output,
        output_token_details: { reasoning: raw.thoughtsTokenCount ?? 0 },
      });
      if (raw.totalTokenCount !== undefined) expect(input + output).toBe(raw.totalTokenCount);

      const finishReason = chunks.map((c) => c.candidates?.[0]?.finishReason).find(Boolean);
      expect(message.response_metadata.finishReason).toBe(finishReason);
      if (chunks[0]?.responseId) expect(message.response_metadata.responseId).toBe(chunks[0].responseId);
      if (chunks[0]?.modelVersion)
        expect(message.response_metadata.modelVersion).toBe(chunks[0].modelVersion);
    });
  }

  for (const [name, expected] of Object.entries(failures)) {
    it(`raises ${expected.kind} for ${name}`, async () => {
      const { error } = await replay(name);
      expect(error).toMatchObject(expected);
      expect(error?.message).not.toContain(key);
    });
  }

  it('raises truncated for the recorded MAX_TOKENS answer when truncatedAnswers is throw', async () => {
    const { error } = await replay('031-unary-finish-max-tokens-gemini-2.5-flash', {
      truncatedAnswers: 'throw',
    });
    expect(error).toMatchObject({ kind: 'truncated', reason: 'MAX_TOKENS' });
    expect(error?.usage).toMatchObject({ inputTokens: 15, outputTokens: 5, totalTokens: 20 });
  });
});
