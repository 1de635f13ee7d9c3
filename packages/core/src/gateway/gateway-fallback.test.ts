import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { scriptedAttempts, tokenOffError, usageOf } from './test-support/scripted-attempts.js';

function setup(options: Parameters<typeof createGateway>[0] = {}) {
  const clock = createFakeClock();
  const events: GatewayEvent[] = [];
  const gateway = createGateway({ apiKey: 'test-key', clock, random: () => 0.5, ...options });
  gateway.on((event) => events.push(event));
  return { clock, events, gateway };
}

const dailyQuota = () =>
  tokenOffError('quota_exhausted', {
    status: 429,
    retryDelayMs: 3_600_000,
    quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
  });

describe('gateway fallback and circuit breakers', () => {
  it('falls back from pro to flash at once on quota_exhausted, with no retry on pro', async () => {
    const { clock, events, gateway } = setup();
    const script = scriptedAttempts({ 'gemini-2.5-pro': [dailyQuota()] });
    const { value, served } = await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(value).toBe('ok from gemini-2.5-flash');
    expect(served).toMatchObject({
      requestedModel: 'gemini-2.5-pro',
      model: 'gemini-2.5-flash',
      modelsTried: ['gemini-2.5-pro', 'gemini-2.5-flash'],
      attempts: 2,
    });
    expect(clock.sleeps).toEqual([]);
    expect(events.map((event) => event.type)).toEqual([
      'model-request',
      'circuit-open',
      'model-fallback',
      'model-request',
      'model-response',
    ]);
  });

  it('sends later calls straight to flash while pro is open, then probes pro once after the cooldown', async () => {
    const { clock, events, gateway } = setup();
    const script = scriptedAttempts({ 'gemini-2.5-pro': [dailyQuota(), 'ok'] });
    await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    for (let i = 0; i < 5; i += 1) await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(script.models().filter((model) => model === 'gemini-2.5-pro')).toHaveLength(1);
    expect(
      events.filter((event) => event.type === 'model-fallback' && event.reason === 'circuit-open'),
    ).toHaveLength(5);

    clock.advance(3_600_000);
    const { served } = await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(served.model).toBe('gemini-2.5-pro');
    expect(events.find((event) => event.type === 'model-request' && event.probe)).toMatchObject({
      model: 'gemini-2.5-pro',
    });
    expect(events.at(-2)).toEqual({ type: 'circuit-close', model: 'gemini-2.5-pro' });
    expect(gateway.circuits().find((circuit) => circuit.model === 'gemini-2.5-pro')?.state).toBe('closed');
  });

  it('falls back on a 503 burst only after the retries on pro are spent', async () => {
    const { events, gateway } = setup({ retry: { maxAttempts: 3 } });
    const script = scriptedAttempts({ 'gemini-2.5-pro': [tokenOffError('overloaded', { status: 503 })] });
    const { served } = await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(script.models()).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-pro',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
    ]);
    expect(served.model).toBe('gemini-2.5-flash');
    expect(events.find((event) => event.type === 'model-fallback')).toMatchObject({
      from: 'gemini-2.5-pro',
      to: 'gemini-2.5-flash',
      reason: 'overloaded',
    });
  });

  it('opens the circuit once breaker.failureRate of the attempts in its window failed', async () => {
    const { clock, events, gateway } = setup({
      retry: { maxAttempts: 2 },
      breaker: { minimumCalls: 4, failureRate: 0.5, minimumFailingMs: 500, windowMs: 10_000 },
    });
    const script = scriptedAttempts({
      'gemini-2.5-pro': ['ok', 'ok', tokenOffError('server', { status: 500 })],
    });
    await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    // Two successes, then two failures 500 ms apart: 2 of 4 is half, and the circuit opens.
    await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(events.filter((event) => event.type === 'circuit-open')).toEqual([
      expect.objectContaining({ model: 'gemini-2.5-pro', reason: 'server' }),
    ]);
    await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(script.models().filter((model) => model === 'gemini-2.5-pro')).toHaveLength(4);
    expect(clock.sleeps).toEqual([500]);
  });

  it('keeps a model through a burst of failures among many successes', async () => {
    const { events, gateway } = setup({ retry: { maxAttempts: 3 } });
    const burst = tokenOffError('overloaded', { status: 503 });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [...Array(30).fill('ok'), burst, burst, burst, burst, burst, burst, 'ok'],
    });
    // Thirty rows served, then six failures in a row across three calls: 6 of 36 is not half.
    for (let row = 0; row < 33; row += 1) {
      await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    }
    expect(events.filter((event) => event.type === 'circuit-open')).toEqual([]);
    expect(script.models().filter((model) => model === 'gemini-2.5-flash-lite')).toHaveLength(2);
  });

  it('walks the whole chain: pro, flash, then flash-lite', async () => {
    const { gateway } = setup({ retry: { maxAttempts: 1 } });
    const script = scriptedAttempts({
      'gemini-2.5-pro': [dailyQuota()],
      'gemini-2.5-flash': [tokenOffError('not_found', { status: 404 })],
    });
    const { served } = await gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt });
    expect(served.modelsTried).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite']);
  });

  it('never falls back on invalid_request', async () => {
    const { gateway } = setup();
    const script = scriptedAttempts({
      'gemini-2.5-pro': [tokenOffError('invalid_request', { status: 400 })],
    });
    await expect(gateway.call({ model: 'gemini-2.5-pro', attempt: script.attempt })).rejects.toMatchObject({
      kind: 'invalid_request',
      modelsTried: ['gemini-2.5-pro'],
    });
    expect(script.models()).toEqual(['gemini-2.5-pro']);
  });

  it('uses configured chains, a per-call override, and fallback: false', async () => {
    const { gateway } = setup({ fallback: { chains: { 'gemini-2.5-pro': ['gemini-2.5-flash-lite'] } } });
    expect(gateway.chainFor('gemini-2.5-pro')).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash-lite']);
    expect(gateway.chainFor('gemini-2.5-pro', ['gemini-3-flash-preview'])).toEqual([
      'gemini-2.5-pro',
      'gemini-3-flash-preview',
    ]);
    expect(gateway.chainFor('gemini-2.5-pro', false)).toEqual(['gemini-2.5-pro']);
    const none = createGateway({ apiKey: 'k', fallback: false });
    expect(none.chainFor('gemini-2.5-pro')).toEqual(['gemini-2.5-pro']);
    const script = scriptedAttempts({ 'gemini-2.5-pro': [dailyQuota()] });
    await expect(none.call({ model: 'gemini-2.5-pro', attempt: script.attempt })).rejects.toMatchObject({
      kind: 'quota_exhausted',
    });
  });

  it('defaults to same-generation chains', () => {
    const { gateway } = setup();
    expect(gateway.chainFor('gemini-3.1-pro-preview')).toEqual([
      'gemini-3.1-pro-preview',
      'gemini-3-flash-preview',
    ]);
    expect(gateway.chainFor('gemini-2.5-pro')).toEqual([
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
    ]);
    expect(gateway.chainFor('gemini-2.5-flash-lite')).toEqual(['gemini-2.5-flash-lite']);
  });

  it('waits for the probe when the circuit opens and no fallback is left, within the wait budget', async () => {
    const { clock, events, gateway } = setup({
      fallback: false,
      breaker: { minimumCalls: 1, minimumFailingMs: 0, firstCooldownMs: 10_000, cooldownMs: 10_000 },
    });
    const script = scriptedAttempts({ 'gemini-2.5-flash': [tokenOffError('overloaded'), 'ok'] });
    const { served } = await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(served).toMatchObject({ model: 'gemini-2.5-flash', attempts: 2 });
    expect(clock.sleeps).toEqual([10_000]);
    expect(events.map((event) => event.type)).toEqual([
      'model-request',
      'circuit-open',
      'model-request',
      'circuit-close',
      'model-response',
    ]);
  });

  it('fails fast when every model is paused for longer than the wait budget', async () => {
    const { gateway } = setup({ fallback: false });
    const script = scriptedAttempts({ 'gemini-2.5-flash': [dailyQuota()] });
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt })).rejects.toThrow();
    const failure = await gateway
      .call({ model: 'gemini-2.5-flash', attempt: script.attempt })
      .catch((error) => error);
    expect(failure.message).toMatch(/paused by its circuit breaker/);
    expect(failure.kind).toBe('quota_exhausted');
    expect(script.seen).toHaveLength(1);
  });

  it('hands the probe on when it meets a per-minute 429, so the model is not stuck half-open', async () => {
    const { clock, gateway } = setup({
      fallback: false,
      breaker: { minimumCalls: 1, minimumFailingMs: 0, firstCooldownMs: 10_000, cooldownMs: 10_000 },
    });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [
        tokenOffError('server'),
        tokenOffError('rate_limited', { retryDelayMs: 1_000 }),
        'ok',
      ],
    });
    const { served } = await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(served.attempts).toBe(3);
    expect(clock.sleeps).toEqual([10_000, 1_000]);
    expect(gateway.circuits()[0]?.state).toBe('closed');
  });

  it('refuses an unknown model before sending anything', async () => {
    const { gateway } = setup();
    const script = scriptedAttempts({});
    await expect(gateway.call({ model: 'gemini-2.5-prp', attempt: script.attempt })).rejects.toMatchObject({
      code: 'unknown_model',
      message: expect.stringContaining('did you mean "gemini-2.5-pro"'),
    });
    expect(script.seen).toEqual([]);
  });

  it('reports a circuit opening once when the calls in flight all hit the exhausted quota', async () => {
    const { events, gateway } = setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const attempt = async ({ model }: { model: string }) => {
      if (model === 'gemini-2.5-pro') {
        await gate;
        throw dailyQuota();
      }
      return { value: model, usage: usageOf(1, 1) };
    };
    const calls = Array.from({ length: 5 }, () => gateway.call({ model: 'gemini-2.5-pro', attempt }));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const results = await Promise.all(calls);
    expect(results.map((result) => result.served.model)).toEqual(Array(5).fill('gemini-2.5-flash'));
    expect(events.filter((event) => event.type === 'circuit-open')).toHaveLength(1);
  });
});
