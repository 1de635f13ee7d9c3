import type { AIMessageChunk } from '@langchain/core/messages';
import { type EmulatorHandle, type FaultName, startEmulator } from '@tokenflow/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { failure } from './test-support/standard-contract.js';
import { transports } from './test-support/transports.js';
import { isTokenOffError } from './tokenoff-error.js';

const key = 'tk-live-SECRET-faults-42';
let emulator: EmulatorHandle;
/** The emulator's clock: fixed within a block, two days on for the next (its quota windows start empty). */
let clock = Date.UTC(2026, 0, 15, 12, 0, 0);
/** Resolvers of requests the emulator is holding (latency faults); tests release or abort them. */
const held: { signal: AbortSignal; resolve: () => void }[] = [];
let onHold: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKeys: [key],
    now: () => clock,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve) => {
        held.push({ signal, resolve });
        signal.addEventListener('abort', () => resolve(), { once: true });
        onHold?.();
      }),
  });
});
afterEach(() => {
  emulator.setFaults({});
  emulator.clearScript();
  for (const request of held.splice(0)) request.resolve();
  onHold = undefined;
});
afterAll(async () => {
  await emulator.close();
});

function chat(model = 'gemini-2.5-flash', options: Partial<ChatTokenOffInput> = {}) {
  return new ChatTokenOff({
    model,
    apiKey: key,
    baseUrl: emulator.url,
    maxRetries: 0,
    ...sending,
    ...options,
  });
}

async function collect(model: ChatTokenOff, prompt: string, options: object = {}) {
  const chunks: AIMessageChunk[] = [];
  const error = await failure(
    (async () => {
      for await (const chunk of await model.stream(prompt, options)) chunks.push(chunk);
    })(),
  );
  return { chunks, error };
}

/** Resolves when the emulator starts holding a request (so it has surely arrived). */
function nextHold(): Promise<void> {
  return new Promise((resolve) => {
    onHold = resolve;
  });
}

/** How the ChatTokenOffs of the block running now send (see test-support/transports.ts). */
let sending: Partial<ChatTokenOffInput> = {};

describe.each(transports)('over $name', ({ options }) => {
  beforeAll(() => {
    sending = options;
    clock += 2 * 86_400_000;
  });

  describe('HTTP errors become typed TokenOffErrors', () => {
    it('classifies a per-minute 429 as rate_limited with the server retry delay and quota id', async () => {
      emulator.setFaults({ '*': { quota: { requestsPerMinute: 1 } } });
      await chat().invoke('first');
      const error = await failure(chat().invoke('second'));
      expect(error).toMatchObject({ kind: 'rate_limited', status: 429, model: 'gemini-2.5-flash' });
      expect(error.quotaId).toMatch(/PerMinute/);
      expect(error.retryDelayMs).toBeGreaterThan(0);
      expect(error.retryDelayMs).toBeLessThanOrEqual(60_000);
      expect(error.retryable).toBe(true);
    });

    it('classifies a per-day 429 as quota_exhausted', async () => {
      emulator.setFaults({ '*': { quota: { requestsPerDay: 1 } } });
      await chat().invoke('first');
      const error = await failure(chat().invoke('second'));
      expect(error).toMatchObject({ kind: 'quota_exhausted', status: 429 });
      expect(error.quotaId).toMatch(/PerDay/);
      expect(error.retryable).toBe(false);
    });

    it('reads a Retry-After header when a proxy adds one', async () => {
      emulator.script([
        {
          error: {
            status: 429,
            body: { error: { code: 429, message: 'Too many requests', status: 'RESOURCE_EXHAUSTED' } },
            headers: { 'retry-after': '7' },
          },
        },
      ]);
      const error = await failure(chat().invoke('hello'));
      expect(error).toMatchObject({ kind: 'rate_limited', retryDelayMs: 7000 });
    });

    it.each([
      ['503', 'overloaded'],
      ['500', 'server'],
      ['504', 'server'],
    ] as const)('classifies %s as %s, for invoke and for opening a stream', async (status, kind) => {
      emulator.setFaults({ '*': { errorRates: { [status]: 1 } } });
      const error = await failure(chat().invoke('hello'));
      expect(error).toMatchObject({ kind, status: Number(status) });
      const streamed = await collect(chat(), 'hello');
      expect(streamed.error).toMatchObject({ kind, status: Number(status) });
      expect(streamed.chunks).toHaveLength(0);
    });

    it('classifies an unknown model as not_found and a bad request as invalid_request', async () => {
      expect(await failure(chat('gemini-9-ultra').invoke('hi'))).toMatchObject({
        kind: 'not_found',
        status: 404,
      });
      const invalid = await failure(
        chat('gemini-2.5-pro', { thinkingConfig: { thinkingBudget: 0 } }).invoke('hi'),
      );
      expect(invalid).toMatchObject({ kind: 'invalid_request', status: 400, rpcStatus: 'INVALID_ARGUMENT' });
      expect(invalid.message).toMatch(/gemini-2.5-pro/);
    });

    it('does not retry what retrying cannot fix', async () => {
      const before = emulator.requests.length;
      await failure(
        chat('gemini-2.5-pro', { maxRetries: 3, thinkingConfig: { thinkingBudget: 0 } }).invoke('hi'),
      );
      expect(emulator.requests.length - before).toBe(1);
    });
  });

  describe('broken streams raise, never return a truncated success', () => {
    it('raises overloaded on a mid-stream {"error":...} event, after the chunks that came first', async () => {
      emulator.script([{ fault: 'midStreamError' }]);
      const { chunks, error } = await collect(chat(), 'Tell me a long story about a lighthouse keeper.');
      expect(chunks.length).toBeGreaterThan(0);
      expect(error).toMatchObject({ kind: 'overloaded', status: 503 });
      expect(error.message).toMatch(/mid-stream/);
    });

    it('raises network when the connection is cut mid-body, for stream and for streaming invoke', async () => {
      emulator.script([{ fault: 'resetMidBody', times: 2 }]);
      const { error } = await collect(chat(), 'Tell me a long story about a lighthouse keeper.');
      expect(error.kind).toBe('network');
      const invoked = await failure(
        chat('gemini-2.5-flash', { streaming: true }).invoke('Another long story.'),
      );
      expect(invoked.kind).toBe('network');
    });

    it('raises network when the connection is cut before the headers', async () => {
      emulator.script([{ fault: 'resetBeforeHeaders' }]);
      expect((await failure(chat().invoke('hello'))).kind).toBe('network');
    });

    it('leaves no unhandled rejection behind when streams break', async () => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', listener);
      try {
        const faults: FaultName[] = ['midStreamError', 'resetMidBody', 'midStreamError'];
        for (const fault of faults) {
          emulator.script([{ fault }]);
          await collect(chat(), 'A long answer about tides, please.');
        }
        const controller = new AbortController();
        emulator.script([{ fault: 'stall' }]);
        const stream = await chat().stream('A long answer about tides.', { signal: controller.signal });
        for await (const _chunk of stream) controller.abort();
        await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        expect(isTokenOffError(error)).toBe(true);
      } finally {
        await new Promise((resolve) => setImmediate(resolve));
        process.off('unhandledRejection', listener);
      }
      expect(unhandled).toEqual([]);
    });
  });

  describe('signal and timeout', () => {
    it('honours the timeout call option on invoke', async () => {
      emulator.setFaults({ '*': { latency: { firstByteMs: 60_000 } } });
      const error = await failure(chat().invoke('hello', { timeout: 50 }));
      expect(error).toMatchObject({ kind: 'timeout', model: 'gemini-2.5-flash' });
    });

    it('honours the timeout call option on a stream whose server never answers', async () => {
      // The emulator holds the request until the client leaves, so only the timeout can end the call,
      // however long the machine takes to get there.
      emulator.setFaults({ '*': { latency: { firstByteMs: 60_000 } } });
      const { chunks, error } = await collect(chat(), 'A long story, please.', { timeout: 50 });
      expect(chunks).toHaveLength(0);
      expect(error).toMatchObject({ kind: 'timeout', model: 'gemini-2.5-flash' });
    });

    it('raises timeout when a timeout fires on a stream that stalls, after the chunk that came first', async () => {
      // The `timeout` call option aborts the call's signal with a TimeoutError; the test does the same
      // once the first chunk is in, so the timeout strikes mid-stream whatever the machine's speed.
      emulator.script([{ fault: 'stall' }]);
      const controller = new AbortController();
      const chunks: AIMessageChunk[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of await chat().stream('A long story, please.', {
            signal: controller.signal,
          })) {
            chunks.push(chunk);
            controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
          }
        })(),
      );
      expect(chunks).toHaveLength(1);
      expect(error).toMatchObject({ kind: 'timeout', model: 'gemini-2.5-flash' });
    });

    it('honours attemptTimeoutMs when the server never answers', async () => {
      emulator.setFaults({ '*': { latency: { firstByteMs: 60_000 } } });
      expect((await failure(chat('gemini-2.5-flash', { attemptTimeoutMs: 50 }).invoke('hi'))).kind).toBe(
        'timeout',
      );
    });

    it('raises aborted when the caller aborts an invoke in flight', async () => {
      emulator.setFaults({ '*': { latency: { firstByteMs: 60_000 } } });
      const controller = new AbortController();
      const arrived = nextHold();
      const call = failure(chat().invoke('hello', { signal: controller.signal }));
      await arrived;
      controller.abort();
      expect((await call).kind).toBe('aborted');
    });

    it('raises aborted when the caller aborts a stream between chunks', async () => {
      emulator.script([{ fault: 'stall' }]);
      const controller = new AbortController();
      const chunks: unknown[] = [];
      const error = await failure(
        (async () => {
          for await (const chunk of await chat().stream('A long story.', { signal: controller.signal })) {
            chunks.push(chunk);
            setImmediate(() => controller.abort());
          }
        })(),
      );
      expect(chunks.length).toBe(1);
      expect(error.kind).toBe('aborted');
    });
  });

  describe('abort reasons', () => {
    it('raises aborted for an abort with a string reason, on invoke and stream', async () => {
      emulator.script([{ fault: 'stall', times: 2 }]);
      const controller = new AbortController();
      const error = await failure(
        (async () => {
          for await (const _chunk of await chat().stream('A long story.', { signal: controller.signal })) {
            setImmediate(() => controller.abort('user pressed stop'));
          }
        })(),
      );
      expect(error.kind).toBe('aborted');
      const early = new AbortController();
      early.abort('gone');
      expect((await failure(chat().invoke('hi', { signal: early.signal }))).kind).toBe('aborted');
    });
  });

  describe('answers that are not answers', () => {
    it('raises blocked for a blocked prompt and for a SAFETY finish, on invoke and stream', async () => {
      for (const fault of ['promptBlocked', 'safety'] as const) {
        emulator.script([{ fault, times: 2 }]);
        const error = await failure(chat().invoke('hello'));
        expect(error).toMatchObject({
          kind: 'blocked',
          reason: fault === 'safety' ? 'SAFETY' : 'PROHIBITED_CONTENT',
        });
        expect((await collect(chat(), 'hello')).error.kind).toBe('blocked');
      }
    });

    it('raises truncated, with the thinking usage, when MAX_TOKENS left no answer', async () => {
      emulator.script([{ fault: 'maxTokensEmpty', times: 2 }]);
      const error = await failure(chat().invoke('Explain entropy.'));
      expect(error).toMatchObject({ kind: 'truncated', reason: 'MAX_TOKENS' });
      expect(error.usage?.reasoningTokens).toBeGreaterThan(0);
      expect(error.message).toMatch(/maxOutputTokens|thinking/);
      expect((await collect(chat(), 'Explain entropy.')).error.kind).toBe('truncated');
    });

    it('returns a cut answer with finishReason MAX_TOKENS by default, and raises it when asked to', async () => {
      const options = { maxOutputTokens: 6, thinkingConfig: { thinkingBudget: 0 } };
      const prompt = 'Write a very long essay about the history of bridges in Europe.';
      const answer = await chat('gemini-2.5-flash', options).invoke(prompt);
      expect(answer.text.length).toBeGreaterThan(0);
      expect(answer.response_metadata.finishReason).toBe('MAX_TOKENS');
      const error = await failure(
        chat('gemini-2.5-flash', { ...options, truncatedAnswers: 'throw' }).invoke(prompt),
      );
      expect(error).toMatchObject({ kind: 'truncated', reason: 'MAX_TOKENS' });
    });

    it('raises server for a malformed function call with no answer', async () => {
      emulator.script([{ fault: 'malformedFunctionCall' }]);
      expect(await failure(chat().invoke('hello'))).toMatchObject({
        kind: 'server',
        reason: 'MALFORMED_FUNCTION_CALL',
      });
    });
  });
});
