import { describe, expect, it } from 'vitest';
import { maxRateLimitedRetries } from './call-run.js';
import { GatewayCallError } from './gateway-call-error.js';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { scriptedAttempts, tokenOffError } from './test-support/scripted-attempts.js';

function setup(options: Parameters<typeof createGateway>[0] = {}) {
  const clock = createFakeClock();
  const events: GatewayEvent[] = [];
  const gateway = createGateway({
    apiKey: 'test-key',
    clock,
    random: () => 0.5,
    fallback: false,
    ...options,
  });
  gateway.on((event) => events.push(event));
  return { clock, events, gateway };
}

describe('gateway retries', () => {
  it('retries a 503 with jittered backoff and returns the answer', async () => {
    const { clock, events, gateway } = setup();
    const script = scriptedAttempts({
      'gemini-2.5-flash': [tokenOffError('overloaded'), tokenOffError('server'), 'ok'],
    });
    const { value, served } = await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(value).toBe('ok from gemini-2.5-flash');
    expect(served.attempts).toBe(3);
    // random 0.5: half of 1 s, then half of 2 s.
    expect(clock.sleeps).toEqual([500, 1_000]);
    expect(events.filter((event) => event.type === 'model-retry').map((event) => event.delayMs)).toEqual([
      500, 1_000,
    ]);
    expect(served.waitMs).toBe(1_500);
  });

  it('waits out more per-minute 429s than maxAttempts allows failures, so a row is not lost to pacing', async () => {
    const { clock, gateway } = setup({ retry: { maxAttempts: 3 } });
    const limited = () => tokenOffError('rate_limited', { status: 429, retryDelayMs: 1_000 });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [limited(), limited(), limited(), limited(), limited(), 'ok'],
    });
    const { served } = await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(served.attempts).toBe(6);
    expect(clock.sleeps.every((ms) => ms >= 1_000)).toBe(true);
  });

  it('still gives up on a model that answers nothing but 429s', async () => {
    const { gateway } = setup({ retry: { maxAttempts: 2 } });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [tokenOffError('rate_limited', { status: 429, retryDelayMs: 10 })],
    });
    const error = await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt }).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayCallError);
    expect(script.models()).toHaveLength(2 + maxRateLimitedRetries);
  });

  it('waits at least the retryDelay a 429 asked for', async () => {
    const { clock, gateway } = setup();
    const script = scriptedAttempts({
      'gemini-2.5-flash': [tokenOffError('rate_limited', { status: 429, retryDelayMs: 17_000 }), 'ok'],
    });
    await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(clock.sleeps[0]).toBe(17_000);
  });

  it('gives up after retry.maxAttempts attempts with the whole story on the error', async () => {
    const { events, gateway } = setup({ retry: { maxAttempts: 4 } });
    const script = scriptedAttempts({ 'gemini-2.5-flash': [tokenOffError('server', { status: 500 })] });
    const failure = await gateway
      .call({ model: 'gemini-2.5-flash', attempt: script.attempt })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(GatewayCallError);
    expect(failure.kind).toBe('server');
    expect(failure.attempts).toBe(4);
    expect(failure.errors).toHaveLength(4);
    expect(script.seen).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'model-error', model: 'gemini-2.5-flash', attempts: 4 });
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({
      kind: 'server',
      requestedModel: 'gemini-2.5-flash',
      modelsTried: ['gemini-2.5-flash'],
      attempts: 4,
      errors: [{ kind: 'server' }, { kind: 'server' }, { kind: 'server' }, { kind: 'server' }],
    });
  });

  it('stops retrying when the next wait would cross retry.maxTotalWaitMs', async () => {
    const { clock, gateway } = setup({ retry: { maxAttempts: 10, maxTotalWaitMs: 30_000 } });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [tokenOffError('rate_limited', { retryDelayMs: 20_000 })],
    });
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt })).rejects.toThrow(
      GatewayCallError,
    );
    expect(script.seen).toHaveLength(2);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(30_000);
  });

  it.each(['invalid_request', 'auth', 'blocked', 'truncated'] as const)('never retries %s', async (kind) => {
    const { clock, gateway } = setup({ fallback: {} });
    const script = scriptedAttempts({ 'gemini-2.5-pro': [tokenOffError(kind)] });
    const failure = await gateway
      .call({ model: 'gemini-2.5-pro', attempt: script.attempt })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(GatewayCallError);
    expect(failure.kind).toBe(kind);
    expect(script.models()).toEqual(['gemini-2.5-pro']);
    expect(clock.sleeps).toEqual([]);
  });

  it('says an invalid request or a bad key is the caller to fix', async () => {
    const { gateway } = setup();
    const script = scriptedAttempts({ 'gemini-2.5-flash': [tokenOffError('auth', { status: 403 })] });
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt })).rejects.toThrow(
      /request or the key to fix/,
    );
  });

  it('does not retry a call whose caller aborted, and rethrows the abort', async () => {
    const { gateway } = setup();
    const controller = new AbortController();
    const attempt = async () => {
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    };
    const failure = await gateway
      .call({ model: 'gemini-2.5-flash', signal: controller.signal, attempt })
      .catch((error) => error);
    expect(failure.kind).toBe('aborted');
    expect(gateway.usage().requests).toBe(1);
  });

  it('treats a non-TokenOff error from the attempt as a bug: no retry', async () => {
    const { gateway } = setup();
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw new TypeError('cannot read x of undefined');
    };
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt })).rejects.toThrow(GatewayCallError);
    expect(calls).toBe(1);
  });

  it('gives the attempt a signal that aborts with the caller', async () => {
    const { gateway } = setup();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const attempt = async ({ signal }: { signal: AbortSignal }) => {
      seen = signal;
      controller.abort();
      return {
        value: 'x',
        usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0 },
      };
    };
    await gateway.call({ model: 'gemini-2.5-flash', signal: controller.signal, attempt });
    expect(seen?.aborted).toBe(true);
  });

  it('turns an abort during a backoff wait into an aborted TokenOffError', async () => {
    const { gateway } = setup();
    const controller = new AbortController();
    gateway.on((event) => {
      if (event.type === 'model-retry') controller.abort();
    });
    const script = scriptedAttempts({ 'gemini-2.5-flash': [tokenOffError('server'), 'ok'] });
    const failure = await gateway
      .call({ model: 'gemini-2.5-flash', signal: controller.signal, attempt: script.attempt })
      .catch((error) => error);
    expect(failure).toMatchObject({ name: 'TokenOffError', kind: 'aborted' });
    expect(script.seen).toHaveLength(1);
  });
});
