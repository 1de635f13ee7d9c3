import { describe, expect, it } from 'vitest';
import type { GatewayOptions } from './gateway-options.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { tokenOffError, usageOf } from './test-support/scripted-attempts.js';

/** A promise with its resolve function, to hold attempts open. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sixteen calls to a lane of `gemini-2.5-flash` with these limits: the first eight answer together after
 * 200 ms, which lets the other eight in. Returns when each was sent.
 */
async function twoRoundsOfEight(limits: GatewayOptions['limits']): Promise<number[]> {
  const clock = createFakeClock(0);
  const gateway = createGateway({ apiKey: 'k', clock, limits });
  const rounds = [deferred(), deferred()];
  const allSent = deferred();
  const sentAt: number[] = [];
  const attemptOfRound = (round: number) => async () => {
    sentAt.push(clock.now());
    if (sentAt.length === 16) allSent.resolve();
    await rounds[round]?.promise;
    return { value: 'ok', usage: usageOf(1, 1) };
  };
  const calls = Array.from({ length: 16 }, (_, index) =>
    gateway.call({ model: 'gemini-2.5-flash', attempt: attemptOfRound(index < 8 ? 0 : 1) }),
  );
  await flush();
  expect(sentAt).toHaveLength(8);
  clock.advance(200);
  rounds[0]?.resolve();
  await allSent.promise;
  rounds[1]?.resolve();
  await Promise.all(calls);
  return sentAt;
}

describe('a call that finds room in its lane', () => {
  it('starts its attempt before invoke returns, and a call that must queue does not', async () => {
    const gateway = createGateway({ apiKey: 'k', limits: { 'gemini-2.5-flash': { concurrency: 1 } } });
    const started: string[] = [];
    const hold = deferred();
    const attempt = (name: string) => async () => {
      started.push(name);
      await hold.promise;
      return { value: name, usage: usageOf(1, 1) };
    };
    const first = gateway.call({ model: 'gemini-2.5-flash', attempt: attempt('first') });
    // No await yet: a batch starting many calls dispatches the first ones while it starts the rest.
    expect(started).toEqual(['first']);
    const second = gateway.call({ model: 'gemini-2.5-flash', attempt: attempt('second') });
    expect(started).toEqual(['first']);
    hold.resolve();
    expect((await first).value).toBe('first');
    expect((await second).value).toBe('second');
    expect(started).toEqual(['first', 'second']);
  });

  it("tells the call's own listener its events when the gateway has none", async () => {
    const gateway = createGateway({ apiKey: 'k' });
    const heard: string[] = [];
    await gateway.call({
      model: 'gemini-2.5-flash',
      onEvent: (event) => heard.push(event.type),
      attempt: async () => ({ value: 'ok', usage: usageOf(1, 1) }),
    });
    expect(heard).toEqual(['model-request', 'model-response']);
  });
});

describe('gateway lanes', () => {
  it('runs at most `concurrency` attempts of one model at once, shared by every caller', async () => {
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      limits: { 'gemini-2.5-flash': { concurrency: 2 } },
    });
    let running = 0;
    let peak = 0;
    const gate = deferred();
    const attempt = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
      return { value: 'ok', usage: usageOf(1, 1) };
    };
    const calls = Array.from({ length: 6 }, () => gateway.call({ model: 'gemini-2.5-flash', attempt }));
    await flush();
    expect(running).toBe(2);
    expect(gateway.lanes()[0]).toMatchObject({ model: 'gemini-2.5-flash', running: 2, queued: 4 });
    gate.resolve();
    await Promise.all(calls);
    expect(peak).toBe(2);
  });

  it('does not hold a slot while a call waits out its backoff', async () => {
    const clock = createFakeClock();
    const gateway = createGateway({
      apiKey: 'k',
      clock,
      random: () => 0.5,
      limits: { 'gemini-2.5-flash': { concurrency: 1 } },
      adaptive: { enabled: false },
    });
    const order: string[] = [];
    let failedOnce = false;
    const flaky = async () => {
      if (!failedOnce) {
        failedOnce = true;
        order.push('flaky fails');
        throw tokenOffError('server');
      }
      order.push('flaky succeeds');
      return { value: 'ok', usage: usageOf(1, 1) };
    };
    const steady = async () => {
      order.push('steady runs');
      return { value: 'ok', usage: usageOf(1, 1) };
    };
    const first = gateway.call({ model: 'gemini-2.5-flash', attempt: flaky });
    await flush();
    const second = gateway.call({ model: 'gemini-2.5-flash', attempt: steady });
    await Promise.all([first, second]);
    expect(order).toEqual(['flaky fails', 'steady runs', 'flaky succeeds']);
  });

  it('halves the lane limit on a 503 burst and grows it back on success', async () => {
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      fallback: false,
      retry: { maxAttempts: 1 },
      limits: { 'gemini-2.5-flash': { concurrency: 8 } },
    });
    const gate = deferred();
    const limited = async () => {
      await gate.promise;
      throw tokenOffError('overloaded', { status: 503 });
    };
    const calls = Array.from({ length: 8 }, () =>
      gateway.call({ model: 'gemini-2.5-flash', attempt: limited }).catch(() => 'failed'),
    );
    await flush();
    gate.resolve();
    expect(await Promise.all(calls)).toEqual(Array(8).fill('failed'));
    // Eight 503s sent at one limit shrink it once, not eight times.
    expect(gateway.lanes()[0]?.concurrency).toBe(4);
    const ok = async () => ({ value: 'ok', usage: usageOf(1, 1) });
    for (let i = 0; i < 4; i += 1) await gateway.call({ model: 'gemini-2.5-flash', attempt: ok });
    expect(gateway.lanes()[0]?.concurrency).toBe(5);
  });

  it('pauses the whole lane for the retryDelay of a 429', async () => {
    const clock = createFakeClock(0);
    const gateway = createGateway({ apiKey: 'k', clock, random: () => 0, fallback: false });
    let first = true;
    const sentAt: number[] = [];
    const attempt = async () => {
      sentAt.push(clock.now());
      if (first) {
        first = false;
        throw tokenOffError('rate_limited', { status: 429, retryDelayMs: 20_000 });
      }
      return { value: 'ok', usage: usageOf(1, 1) };
    };
    await gateway.call({ model: 'gemini-2.5-flash', attempt });
    await gateway.call({ model: 'gemini-2.5-flash', attempt });
    expect(sentAt).toEqual([0, 20_000, 20_000]);
  });

  it('spreads a lane whose RPM is unknown over the round trip when its answers come back together', async () => {
    const sentAt = await twoRoundsOfEight({ 'gemini-2.5-flash': { concurrency: 8, rpm: 'unknown' } });
    expect(sentAt.slice(0, 8)).toEqual(Array(8).fill(0));
    // The first eight answer together after 200 ms: the eight waiting calls do not all go at once, but
    // three (the pace may catch up two intervals after a lull), then one every 200 / 8 = 25 ms.
    expect(sentAt.slice(8)).toEqual([200, 200, 200, 225, 250, 275, 300, 325]);
  });

  it('does not pace a lane told there is no per-minute quota (rpm Infinity): all eight refill at once', async () => {
    const sentAt = await twoRoundsOfEight({
      'gemini-2.5-flash': { concurrency: 8, rpm: Number.POSITIVE_INFINITY },
    });
    expect(sentAt.slice(8)).toEqual(Array(8).fill(200));
  });

  it("does not pace a lane that keeps the catalog's RPM: its window paces it", async () => {
    const sentAt = await twoRoundsOfEight({ 'gemini-2.5-flash': { concurrency: 8 } });
    expect(sentAt.slice(8)).toEqual(Array(8).fill(200));
  });

  it('counts estimated tokens against TPM and corrects them from the real usage', async () => {
    const clock = createFakeClock(0);
    const gateway = createGateway({
      apiKey: 'k',
      clock,
      limits: { 'gemini-2.5-flash': { tpm: 1_000, rpm: 100 } },
    });
    const attempt = async () => ({ value: 'ok', usage: usageOf(50, 1) });
    await gateway.call({ model: 'gemini-2.5-flash', estimatedInputTokens: 900, attempt });
    expect(gateway.lanes()[0]?.windowTokens).toBe(50);
    await gateway.call({ model: 'gemini-2.5-flash', estimatedInputTokens: 900, attempt });
    expect(clock.sleeps).toEqual([]);
  });
});
