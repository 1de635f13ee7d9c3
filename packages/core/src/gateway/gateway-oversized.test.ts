import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import { OversizedRequestError } from './oversized-request-error.js';
import { useEmulator } from './test-support/emulator-setup.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { scriptedAttempts, tokenOffError, usageOf } from './test-support/scripted-attempts.js';

const flash = 'gemini-2.5-flash';
const pro = 'gemini-2.5-pro';

function setup(options: Parameters<typeof createGateway>[0] = {}) {
  const clock = createFakeClock(0);
  const events: GatewayEvent[] = [];
  const gateway = createGateway({ apiKey: 'test-key', clock, random: () => 0.5, ...options });
  gateway.on((event) => events.push(event));
  return { clock, events, gateway };
}

describe('requests that can never fit', () => {
  it('refuses a request above the context window at once, naming the window and the estimate', async () => {
    const { clock, events, gateway } = setup({ limits: { [pro]: { tpm: Number.POSITIVE_INFINITY } } });
    const script = scriptedAttempts({});
    const failure = await gateway
      .call({ model: pro, estimatedInputTokens: 2_500_000, attempt: script.attempt })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'invalid_request', attempts: 0, modelsTried: [] });
    const message = (failure as Error).message;
    expect(message).toContain('about 2,500,000 input tokens');
    expect(message).toContain("the model's context window of 1,048,576 tokens");
    expect((failure as Error).cause).toBeInstanceOf(OversizedRequestError);
    expect((failure as Error).cause).toMatchObject({
      estimatedInputTokens: 2_500_000,
      limit: 'context-window',
      limitTokens: 1_048_576,
    });
    // No request, no fallback (flash has the same window), no wait, nothing left in the window.
    expect(script.seen).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['model-error']);
    expect(gateway.lanes().find((lane) => lane.model === pro)?.windowTokens ?? 0).toBe(0);
  });

  it("refuses a request above the lane's whole TPM budget at once, and the next call does not wait", async () => {
    const { clock, gateway } = setup({ limits: { [flash]: { tpm: 100_000, rpm: 100 } } });
    const script = scriptedAttempts({});
    await gateway.call({ model: flash, estimatedInputTokens: 90_000, attempt: script.attempt });
    const failure = await gateway
      .call({ model: flash, estimatedInputTokens: 150_000, attempt: script.attempt })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'invalid_request', attempts: 0 });
    expect((failure as Error).message).toContain(
      "the lane's whole TPM budget of 100,000 input tokens per minute",
    );
    expect((failure as Error).cause).toMatchObject({ limit: 'tpm', limitTokens: 100_000 });
    // The refused request took no room: a small one right after is sent without waiting.
    await gateway.call({ model: flash, estimatedInputTokens: 5_000, attempt: script.attempt });
    expect(script.seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([]);
  });

  it('takes the estimate of a request the server refused with a 400 out of the TPM window at once', async () => {
    const { clock, gateway } = setup({ limits: { [flash]: { tpm: 1_000, rpm: 100 } } });
    const rejected = scriptedAttempts({ [flash]: [tokenOffError('invalid_request', { status: 400 })] });
    await expect(
      gateway.call({ model: flash, estimatedInputTokens: 900, attempt: rejected.attempt }),
    ).rejects.toMatchObject({ kind: 'invalid_request', attempts: 1 });
    // The 400 still counts as a request (RPM), but its tokens were never read.
    expect(gateway.lanes()[0]).toMatchObject({ windowRequests: 1, windowTokens: 0 });
    const served = await gateway.call({
      model: flash,
      estimatedInputTokens: 900,
      attempt: async () => ({ value: 'ok', usage: usageOf(900, 1) }),
    });
    expect(served.value).toBe('ok');
    expect(clock.sleeps).toEqual([]);
  });
});

describe('requests that can never fit (real HTTP)', () => {
  const context = useEmulator();

  it('refuses a 10 MB row before sending it, and the next row of the model is served without waiting', async () => {
    const gateway = context.gateway();
    const model = gateway.chatModel(pro);
    const before = context.requestsFor(pro) + context.requestsFor(flash);
    const row = 'x'.repeat(10 * 1024 * 1024);
    const failure = await model.invoke(row).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'invalid_request' });
    expect((failure as Error).message).toContain('context window of 1,048,576 tokens');
    expect(context.requestsFor(pro) + context.requestsFor(flash)).toBe(before);
    const next = await model.invoke('A normal row.');
    expect(next.response_metadata.tokenflow).toMatchObject({ model: pro, attempts: 1, waitMs: 0 });
    expect(context.clock.sleeps).toEqual([]);
  });
});
