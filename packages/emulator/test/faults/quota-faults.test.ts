import { GoogleGenerativeAI, type GoogleGenerativeAIFetchError } from '@google/generative-ai';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/index.js';
import { helloBody, postModel } from '../../src/test-support/call-emulator.js';

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A clock the test moves by hand. */
function manualClock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

interface RpcDetail {
  '@type': string;
  violations?: {
    quotaId: string;
    quotaMetric: string;
    quotaValue: string;
    quotaDimensions: { model: string };
  }[];
  retryDelay?: string;
  links?: unknown[];
}

async function sdkError(url: string, model: string): Promise<GoogleGenerativeAIFetchError> {
  const client = new GoogleGenerativeAI('quota-key').getGenerativeModel({ model }, { baseUrl: url });
  try {
    await client.generateContent('Hello');
  } catch (error) {
    return error as GoogleGenerativeAIFetchError;
  }
  throw new Error('expected the call to fail');
}

describe('quota faults', () => {
  it('answers 429 RESOURCE_EXHAUSTED past the per-minute request quota, with retryDelay until the window frees', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 15, 12, 0, 0));
    emulator = await startEmulator({
      now: clock.now,
      faults: { 'gemini-2.5-pro': { quota: { requestsPerMinute: 2 } } },
    });
    const client = new GoogleGenerativeAI('quota-key').getGenerativeModel(
      { model: 'gemini-2.5-pro' },
      { baseUrl: emulator.url },
    );
    await client.generateContent('one');
    clock.advance(10_000);
    await client.generateContent('two');
    clock.advance(10_000);
    const error = await sdkError(emulator.url, 'gemini-2.5-pro');
    expect(error.status).toBe(429);
    expect(error.message).toContain('You exceeded your current quota');
    expect(error.message).toContain('Please retry in 40s.');
    const details = error.errorDetails as RpcDetail[];
    expect(details.map((detail) => detail['@type'])).toEqual([
      'type.googleapis.com/google.rpc.Help',
      'type.googleapis.com/google.rpc.QuotaFailure',
      'type.googleapis.com/google.rpc.RetryInfo',
    ]);
    expect(details[1]?.violations?.[0]).toMatchObject({
      quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
      quotaValue: '2',
      quotaDimensions: { model: 'gemini-2.5-pro' },
    });
    expect(details[2]?.retryDelay).toBe('40s');
    // other models are not limited
    expect((await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
      200,
    );
    // once the first request slides out of the window, one more fits
    clock.advance(40_000);
    expect((await client.generateContent('three')).response.text().length).toBeGreaterThan(0);
    expect(emulator.stats.faults['429-requests-per-minute']).toBe(1);
  });

  it('uses the free-tier quota names and fractional delays when asked, and can add Retry-After', async () => {
    const clock = manualClock(1_000_000);
    emulator = await startEmulator({
      now: clock.now,
      faults: { '*': { quota: { requestsPerMinute: 1, tier: 'free', retryAfterHeader: true } } },
    });
    await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody());
    clock.advance(17_338);
    const response = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('43');
    const body = (await response.json()) as { error: { message: string; details: RpcDetail[] } };
    expect(body.error.message).toContain(
      'generate_content_free_tier_requests, limit: 1, model: gemini-2.5-flash',
    );
    expect(body.error.message).toContain('Please retry in 42.662s.');
    expect(body.error.details[1]?.violations?.[0]?.quotaId).toBe(
      'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
    );
    expect(body.error.details[2]?.retryDelay).toBe('42.662s');
  });

  it('answers 429 past the per-minute token quota with the input-token quotaId', async () => {
    const clock = manualClock(5_000_000);
    emulator = await startEmulator({ now: clock.now });
    const body = helloBody('a prompt of a certain number of tokens, repeated for weight and weight again');
    const { totalTokens } = (await (
      await postModel(emulator.url, 'gemini-2.5-flash', 'countTokens', body)
    ).json()) as {
      totalTokens: number;
    };
    emulator.setFaults({ 'gemini-2.5-flash': { quota: { tokensPerMinute: totalTokens * 2 } } });
    expect((await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body)).status).toBe(200);
    clock.advance(5_000);
    expect((await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body)).status).toBe(200);
    clock.advance(5_000);
    const refused = await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', body);
    expect(refused.status).toBe(429);
    const error = (await refused.json()) as { error: { details: RpcDetail[] } };
    expect(error.error.details[1]?.violations?.[0]?.quotaId).toBe(
      'GenerateContentPaidTierInputTokensPerModelPerMinute',
    );
    expect(error.error.details[2]?.retryDelay).toBe('50s');
  });

  it('keeps answering 429 with the PerDay quotaId until the clock passes midnight Pacific', async () => {
    // 23:00 in Los Angeles (UTC-8 in January)
    const clock = manualClock(Date.UTC(2026, 0, 16, 7, 0, 0));
    emulator = await startEmulator({
      now: clock.now,
      faults: { 'gemini-2.5-pro': { quota: { requestsPerDay: 1 } } },
    });
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      200,
    );
    for (const step of [0, 60_000, 30 * 60_000]) {
      clock.advance(step);
      const error = await sdkError(emulator.url, 'gemini-2.5-pro');
      expect(error.status).toBe(429);
      const details = error.errorDetails as RpcDetail[];
      expect(details[1]?.violations?.[0]?.quotaId).toBe('GenerateRequestsPerDayPerProjectPerModel');
    }
    const last = await sdkError(emulator.url, 'gemini-2.5-pro');
    expect((last.errorDetails as RpcDetail[])[2]?.retryDelay).toBe(`${29 * 60}s`);
    clock.advance(29 * 60_000);
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      200,
    );
  });

  it('can exhaust a model mid-run through setFaults, and lift it again', async () => {
    // A fixed clock: on the real one, a run that crosses midnight Pacific time would reset the day quota.
    emulator = await startEmulator({ now: manualClock(Date.UTC(2026, 0, 15, 12)).now });
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      200,
    );
    emulator.setFaults({ 'gemini-2.5-pro': { quota: { requestsPerDay: 1 } } });
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      200,
    );
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      429,
    );
    expect((await postModel(emulator.url, 'gemini-2.5-flash', 'generateContent', helloBody())).status).toBe(
      200,
    );
    emulator.setFaults({});
    expect((await postModel(emulator.url, 'gemini-2.5-pro', 'generateContent', helloBody())).status).toBe(
      200,
    );
  });

  it('refuses faults for a model it does not serve, naming the key', async () => {
    emulator = await startEmulator();
    expect(() => emulator?.setFaults({ 'gemini-2.5-prp': { maxConcurrent: 1 } })).toThrow(
      /setFaults\["gemini-2.5-prp"\]: not a model this emulator serves/,
    );
  });
});
