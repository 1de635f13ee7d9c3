import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGateway } from './model-gateway.js';
import { testApiKey, useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();
const pro = 'gemini-2.5-pro';
const flash = 'gemini-2.5-flash';
const stuck = { latency: { firstByteMs: 600_000 } };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('routed calls: timeouts, aborts and configuration', () => {
  it('ends the whole call, retries included, when the `timeout` call option fires', async () => {
    context.emulator.setFaults({ [flash]: stuck });
    const gateway = context.gateway();
    const failure = (await gateway
      .chatModel(flash)
      .invoke('Never answered.', { timeout: 50 })
      .catch((error: unknown) => error)) as { kind?: string };
    expect(failure.kind).toBe('timeout');
    expect(context.events.filter((event) => event.type === 'model-retry')).toEqual([]);
    expect(context.events.at(-1)).toMatchObject({ type: 'model-error', error: { kind: 'timeout' } });
  });

  it('stops at once, with no retry and no fallback, when the caller aborts', async () => {
    context.emulator.setFaults({ [pro]: stuck });
    const gateway = context.gateway();
    const controller = new AbortController();
    // Listening first: a call that finds a free slot sends (and announces) its request inside `invoke`.
    gateway.on((event) => {
      if (event.type === 'model-request') setImmediate(() => controller.abort());
    });
    const pending = gateway.chatModel(pro).invoke('Abort me.', { signal: controller.signal });
    const failure = (await pending.catch((error: unknown) => error)) as { kind?: string };
    expect(failure.kind).toBe('aborted');
    expect(context.events.map((event) => event.type)).toEqual(['model-request']);
  });

  it('cuts a hung attempt after retry.attemptTimeoutMs and falls back', async () => {
    context.emulator.setFaults({ [pro]: stuck });
    const gateway = context.gateway({ retry: { maxAttempts: 1, attemptTimeoutMs: 300 } });
    const answer = await gateway.chatModel(pro).invoke('Pro hangs.');
    const served = answer.response_metadata.tokenflow as { model: string; modelsTried: string[] };
    expect(served.modelsTried[0]).toBe(pro);
    expect(served.model).not.toBe(pro);
    expect(context.events.find((event) => event.type === 'model-fallback')).toMatchObject({
      from: pro,
      reason: 'timeout',
    });
  });

  it('works from TOKENOFF_API_KEY and TOKENOFF_BASE_URL alone', async () => {
    vi.stubEnv('TOKENOFF_API_KEY', testApiKey);
    vi.stubEnv('TOKENOFF_BASE_URL', context.emulator.url);
    const gateway = createGateway();
    const answer = await gateway.chatModel(flash).invoke('From the environment.');
    expect(answer.response_metadata.tokenflow).toMatchObject({ model: flash });
  });

  it('says which variable to set when the key is empty, when the gateway is made', () => {
    vi.stubEnv('TOKENOFF_API_KEY', '');
    expect(() => createGateway({ baseUrl: context.emulator.url })).toThrow(
      /TOKENOFF_API_KEY is set but empty/,
    );
  });
});
