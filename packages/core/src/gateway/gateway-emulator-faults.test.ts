import { startEmulator } from '@tokenflow/emulator';
import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { testApiKey, useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();
const pro = 'gemini-2.5-pro';
const flash = 'gemini-2.5-flash';

function eventsOf<T extends GatewayEvent['type']>(type: T) {
  return context.events.filter((event): event is Extract<GatewayEvent, { type: T }> => event.type === type);
}

describe('gateway under emulator faults (real HTTP)', () => {
  it('retries a 429 after the RetryInfo delay and then succeeds on the same model', async () => {
    context.clock.advance(120_000);
    context.emulator.setFaults({ [flash]: { quota: { requestsPerMinute: 2 } } });
    const gateway = context.gateway();
    const model = gateway.chatModel(flash);
    const before = context.requestsFor(flash);
    await model.invoke('first');
    await model.invoke('second');
    const third = await model.invoke('third');
    const retry = eventsOf('model-retry')[0];
    expect(retry?.error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(retry?.error.retryDelayMs).toBeGreaterThan(0);
    // Never earlier than the server asked.
    expect(context.clock.sleeps[0]).toBeGreaterThanOrEqual(
      retry?.error.retryDelayMs ?? Number.POSITIVE_INFINITY,
    );
    expect(third.response_metadata.tokenflow).toMatchObject({ model: flash, attempts: 2 });
    expect(context.requestsFor(flash) - before).toBe(4);
    expect(eventsOf('model-fallback')).toEqual([]);
  });

  it('falls back to flash when pro runs out of its daily quota, then sends pro nothing until the reset', async () => {
    context.clock.advance(86_400_000);
    context.emulator.setFaults({ [pro]: { quota: { requestsPerDay: 1 } } });
    const gateway = context.gateway();
    const model = gateway.chatModel(pro);
    const proBefore = context.requestsFor(pro);
    const first = await model.invoke('Within quota.');
    expect(first.response_metadata.tokenflow).toMatchObject({ model: pro });
    const second = await model.invoke('Over quota.');
    expect(second.response_metadata.tokenflow).toMatchObject({ model: flash, modelsTried: [pro, flash] });
    const opened = eventsOf('circuit-open')[0];
    expect(opened).toMatchObject({ model: pro, reason: 'quota_exhausted' });
    expect(context.requestsFor(pro) - proBefore).toBe(2);

    for (let i = 0; i < 5; i += 1) {
      const answer = await model.invoke(`Later call ${i}.`);
      expect(answer.response_metadata.tokenflow).toMatchObject({ model: flash, modelsTried: [flash] });
    }
    // No wasted pro request while the circuit is open.
    expect(context.requestsFor(pro) - proBefore).toBe(2);
    expect(context.clock.sleeps).toEqual([]);

    // After the reset the breaker lets one probe through, which closes it.
    context.clock.advance((opened?.untilMs ?? 0) - context.clock.now() + 1);
    const after = await model.invoke('After the reset.');
    expect(after.response_metadata.tokenflow).toMatchObject({ model: pro });
    expect(eventsOf('circuit-close')).toEqual([{ type: 'circuit-close', model: pro }]);
  });

  it('retries a 503 burst on pro, then falls back to flash', async () => {
    context.emulator.setFaults({ [pro]: { errorRates: { '503': 1 } } });
    const gateway = context.gateway({ retry: { maxAttempts: 3 } });
    const proBefore = context.requestsFor(pro);
    const answer = await gateway.chatModel(pro).invoke('Busy pro.');
    expect(context.requestsFor(pro) - proBefore).toBe(3);
    expect(eventsOf('model-retry').map((event) => event.error.kind)).toEqual(['overloaded', 'overloaded']);
    expect(eventsOf('model-fallback')).toEqual([
      expect.objectContaining({ from: pro, to: flash, reason: 'overloaded' }),
    ]);
    expect(answer.response_metadata.tokenflow).toMatchObject({ model: flash, attempts: 4 });
    expect(gateway.usage().models[pro]).toMatchObject({ requests: 3, failures: 3, responses: 0 });
  });

  it('sends an invalid request once: no retry, no fallback', async () => {
    context.emulator.script([
      {
        model: pro,
        error: {
          status: 400,
          body: {
            error: {
              code: 400,
              message: 'Invalid JSON payload received. Unknown name "temprature": Cannot find field.',
              status: 'INVALID_ARGUMENT',
            },
          },
        },
      },
    ]);
    const gateway = context.gateway();
    const before = context.emulator.requests.length;
    const failure = (await gateway
      .chatModel(pro)
      .invoke('Bad request.')
      .catch((error: unknown) => error)) as Error & { kind: string; modelsTried: string[] };
    expect(failure).toMatchObject({ kind: 'invalid_request', modelsTried: [pro], attempts: 1 });
    expect(context.emulator.requests.length - before).toBe(1);
    expect(eventsOf('model-error')).toHaveLength(1);
    expect(context.clock.sleeps).toEqual([]);
  });

  it('keeps the API key out of every event, even on failures', async () => {
    context.emulator.setFaults({ [pro]: { errorRates: { '500': 1 } } });
    const gateway = context.gateway({ retry: { maxAttempts: 2 } });
    await gateway.chatModel(pro).invoke('Hello');
    expect(context.events.length).toBeGreaterThan(4);
    expect(JSON.stringify(context.events)).not.toContain('GATEWAY-SECRET');
  });

  it('paces calls under a known RPM so the server never answers 429', async () => {
    context.clock.advance(120_000);
    context.emulator.setFaults({ [flash]: { quota: { requestsPerMinute: 3 } } });
    const gateway = context.gateway({ limits: { [flash]: { rpm: 3 } } });
    const model = gateway.chatModel(flash);
    const limitedBefore = context.emulator.stats.byModel[flash]?.byStatus['429'] ?? 0;
    // One after another: the fake clock jumps on every sleep, so requests must not be in flight meanwhile.
    for (let i = 0; i < 7; i += 1) await model.invoke(`Row ${i}.`);
    expect(context.emulator.stats.byModel[flash]?.byStatus['429'] ?? 0).toBe(limitedBefore);
    expect(eventsOf('model-retry')).toEqual([]);
    // Seven calls at three a minute need two more windows (a minute plus the margin each).
    expect(context.clock.sleeps).toEqual([61_000, 61_000]);
  });

  it('paces to the per-minute quota a 429 names when none was configured, so it meets only one 429', async () => {
    context.clock.advance(120_000);
    context.emulator.setFaults({ [flash]: { quota: { requestsPerMinute: 3 } } });
    const gateway = context.gateway({ fallback: false });
    const model = gateway.chatModel(flash);
    const limitedBefore = context.emulator.stats.byModel[flash]?.byStatus['429'] ?? 0;
    for (let i = 0; i < 7; i += 1) await model.invoke(`Row ${i}.`);
    // The fourth row met the quota and learned it from QuotaFailure's quotaValue; the window did the rest.
    expect((context.emulator.stats.byModel[flash]?.byStatus['429'] ?? 0) - limitedBefore).toBe(1);
    expect(gateway.lanes().find((lane) => lane.model === flash)?.rpm).toBe(3);
  });

  it('shrinks a lane that runs above an unknown concurrency quota, and still serves every call', async () => {
    // The emulator holds every admitted request until the gateway has met the quota's first 503, so more
    // than four requests are in flight at once however fast or slow the machine runs; then it lets go.
    const hold = holdUntilReleased();
    const emulator = await startEmulator({
      apiKeys: [testApiKey],
      now: () => context.clock.now(),
      sleep: hold.sleep,
      faults: { [flash]: { maxConcurrent: 4, latency: { firstByteMs: 1 } } },
    });
    try {
      const gateway = createGateway({
        apiKey: testApiKey,
        baseUrl: emulator.url,
        clock: context.clock,
        random: () => 0.5,
        fallback: false,
        retry: { maxAttempts: 50, maxTotalWaitMs: Number.POSITIVE_INFINITY },
        breaker: { minimumCalls: 1_000 },
        limits: { [flash]: { concurrency: 16 } },
      });
      const retries: GatewayEvent[] = [];
      gateway.on((event) => {
        if (event.type !== 'model-retry') return;
        retries.push(event);
        if (event.error.kind === 'overloaded') hold.release();
      });
      const model = gateway.chatModel(flash);
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => model.invoke(`Parallel row ${i}.`)),
      );
      expect(answers).toHaveLength(24);
      expect(emulator.stats.faults['503-capacity']).toBeGreaterThan(0);
      expect(retries.length).toBeGreaterThan(0);
      // Sixteen at once met a quota of four: the limit halved, and 24 successes cannot grow it back.
      const lane = gateway.lanes().find((entry) => entry.model === flash);
      expect(lane?.concurrency).toBeLessThan(16);
    } finally {
      await emulator.close();
    }
  });
});

/**
 * An emulator `sleep` that keeps every latency wait open until `release()` (or the request's abort), then
 * lets every wait, present and future, end at once: an explicit event instead of a timer.
 */
function holdUntilReleased() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sleep = (_ms: number, signal: AbortSignal) =>
    Promise.race([
      released,
      new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
    ]);
  return { sleep, release: () => release() };
}
