import { describe, expect, it } from 'vitest';
import { BudgetExceededError } from './budget-exceeded-error.js';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { scriptedAttempts, tokenOffError, usageOf } from './test-support/scripted-attempts.js';

describe('gateway usage, cost and budget', () => {
  it('meters tokens and USD per model and in total, from the catalog prices', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock() });
    const attempt = async () => ({ value: 'ok', usage: usageOf(1_000_000, 100_000) });
    const { served } = await gateway.call({ model: 'gemini-2.5-flash', attempt });
    // $0.30 per 1M input + $2.50 per 1M output.
    expect(served.costUsd).toBeCloseTo(0.3 + 0.25, 10);
    await gateway.call({ model: 'gemini-2.5-flash-lite', attempt });
    const usage = gateway.usage();
    expect(usage.requests).toBe(2);
    expect(usage.responses).toBe(2);
    expect(usage.usage.inputTokens).toBe(2_000_000);
    expect(usage.models['gemini-2.5-flash-lite']?.costUsd).toBeCloseTo(0.1 + 0.04, 10);
    expect(usage.costUsd).toBeCloseTo(0.55 + 0.14, 10);
  });

  it('counts failed requests, and bills the ones that reported usage', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock(), fallback: false });
    const script = scriptedAttempts({
      'gemini-2.5-flash': [tokenOffError('truncated', { usage: usageOf(1_000_000, 0) })],
    });
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt })).rejects.toThrow();
    expect(gateway.usage()).toMatchObject({ requests: 1, failures: 1, responses: 0 });
    expect(gateway.usage().costUsd).toBeCloseTo(0.3, 10);
  });

  it('refuses new calls once the budget is spent, with the spend and the cap on the error', async () => {
    const events: GatewayEvent[] = [];
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock(), budget: { maxCostUsd: 0.5 } });
    gateway.on((event) => events.push(event));
    let requests = 0;
    const attempt = async () => {
      requests += 1;
      return { value: 'ok', usage: usageOf(1_000_000, 0) };
    };
    await gateway.call({ model: 'gemini-2.5-flash', attempt });
    await gateway.call({ model: 'gemini-2.5-flash', attempt });
    const refused = await gateway.call({ model: 'gemini-2.5-flash', attempt }).catch((error) => error);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect(refused).toMatchObject({ code: 'budget_exceeded', maxCostUsd: 0.5, model: 'gemini-2.5-flash' });
    expect(refused.spentUsd).toBeCloseTo(0.6, 10);
    expect(refused.message).toMatch(/budget\.maxCostUsd/);
    expect(requests).toBe(2);
    expect(gateway.usage().budget).toEqual({ maxCostUsd: 0.5, remainingUsd: 0 });
  });

  it('delivers events to the per-call listener as well as the gateway listeners', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock(), random: () => 0 });
    const global: string[] = [];
    const local: string[] = [];
    gateway.on((event) => global.push(event.type));
    const script = scriptedAttempts({ 'gemini-2.5-flash': [tokenOffError('server'), 'ok'] });
    await gateway.call({
      model: 'gemini-2.5-flash',
      attempt: script.attempt,
      onEvent: (event) => local.push(event.type),
    });
    await gateway.call({ model: 'gemini-2.5-flash', attempt: script.attempt });
    expect(local).toEqual(['model-request', 'model-retry', 'model-request', 'model-response']);
    expect(global).toHaveLength(local.length + 2);
  });

  it('keeps going when a listener throws', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock() });
    gateway.on(() => {
      throw new Error('listener bug');
    });
    const { value } = await gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => ({ value: 1, usage: usageOf(1, 1) }),
    });
    expect(value).toBe(1);
  });

  it('drains calls in flight on close and refuses new ones', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock() });
    let finished = false;
    const slow = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
      return { value: 'ok', usage: usageOf(1, 1) };
    };
    const inFlight = gateway.call({ model: 'gemini-2.5-flash', attempt: slow });
    await gateway.close();
    expect(finished).toBe(true);
    await expect(inFlight).resolves.toMatchObject({ value: 'ok' });
    await expect(gateway.call({ model: 'gemini-2.5-flash', attempt: slow })).rejects.toThrow(
      /gateway was closed/,
    );
  });

  it('counts the expected cost of calls in flight, so a burst cannot overshoot the cap', async () => {
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      budget: { maxCostUsd: 1 },
      limits: { 'gemini-2.5-flash': { tpm: Number.POSITIVE_INFINITY } },
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const attempt = async () => {
      started += 1;
      await gate;
      return { value: 'ok', usage: usageOf(1_000_000, 0) };
    };
    // Each call is expected to cost $0.30 of flash input: four fit under $1, the fifth does not.
    const calls = Array.from({ length: 6 }, () =>
      gateway
        .call({ model: 'gemini-2.5-flash', estimatedInputTokens: 1_000_000, attempt })
        .catch((error) => error),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.usage().costUsd).toBe(0);
    expect(started).toBe(4);
    release();
    const results = await Promise.all(calls);
    const refused = results.filter((result) => result instanceof BudgetExceededError);
    expect(started).toBe(4);
    expect(refused).toHaveLength(2);
    expect(refused[0]?.reservedUsd).toBeCloseTo(1.2, 10);
    expect(refused[0]?.message).toMatch(/calls in flight are expected to cost \$1\.2000 more/);
    expect(gateway.usage().costUsd).toBeCloseTo(1.2, 10);
  });
});
