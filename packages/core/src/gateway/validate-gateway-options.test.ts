import { describe, expect, it } from 'vitest';
import type { GatewayOptions } from './gateway-options.js';
import { validateGatewayOptions } from './validate-gateway-options.js';

const check = (options: unknown) => () => validateGatewayOptions(options as GatewayOptions, {});

describe('validateGatewayOptions', () => {
  it('fills every default', () => {
    const resolved = validateGatewayOptions({}, { TOKENOFF_API_KEY: 'k' });
    expect(resolved.retry).toEqual({
      maxAttempts: 3,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      maxTotalWaitMs: 120_000,
      attemptTimeoutMs: 300_000,
    });
    expect(resolved.breaker).toMatchObject({
      failureRate: 0.5,
      minimumCalls: 10,
      minimumFailingMs: 2_000,
      windowMs: 10_000,
    });
    expect(resolved.adaptive).toEqual({ enabled: true, decreaseFactor: 0.5, increaseStep: 1, pacing: true });
    expect(resolved.chains?.['gemini-2.5-pro']).toEqual(['gemini-2.5-flash', 'gemini-2.5-flash-lite']);
    expect(resolved.cache).toBeUndefined();
    expect(resolved.maxCostUsd).toBeUndefined();
  });

  it('reads the key and base URL from the environment', () => {
    const resolved = validateGatewayOptions(
      {},
      { TOKENOFF_API_KEY: 'env-key', TOKENOFF_BASE_URL: 'http://127.0.0.1:1' },
    );
    expect(resolved.apiKey).toBe('env-key');
    expect(resolved.baseUrl).toBe('http://127.0.0.1:1');
    expect(validateGatewayOptions({ apiKey: 'mine' }, { TOKENOFF_API_KEY: 'env-key' }).apiKey).toBe('mine');
  });

  it('names the option, the expectation and the value', () => {
    expect(check({ retry: { maxAttempts: 0 } })).toThrow(
      'Expected `retry.maxAttempts` to be an integer from 1 and up, got `0` (number)',
    );
    expect(check({ limits: { 'gemini-2.5-pro': { concurrency: 2.5 } } })).toThrow(
      'Expected `limits.gemini-2.5-pro.concurrency` to be an integer from 1 and up, got `2.5` (number)',
    );
    expect(check({ adaptive: { decreaseFactor: 2 } })).toThrow(
      '`adaptive.decreaseFactor` to be a number from 0.01 to 1',
    );
    expect(check({ budget: { maxCostUsd: '5' } })).toThrow(
      'Expected `budget.maxCostUsd` to be a number from 0 and up, got `5` (string)',
    );
    expect(check({ fallback: { chains: { 'gemini-2.5-pro': 'gemini-2.5-flash' } } })).toThrow(
      'Expected `fallback.chains.gemini-2.5-pro` to be an array of model ids',
    );
    expect(check({ cache: { ttlMs: 5 } })).toThrow(
      'Expected `cache.dir` to be a folder path, got `undefined`',
    );
    expect(check({ baseUrl: 'tokenoff.com' })).toThrow('Expected `baseUrl` to be an http(s) URL');
    expect(check({ retry: 3 })).toThrow('Expected `retry` to be an object, got `3` (number)');
    expect(check({ breaker: { failureRate: 1.5 } })).toThrow(
      'Expected `breaker.failureRate` to be a number from 0 to 1, got `1.5` (number)',
    );
    expect(check({ adaptive: { enabled: 'yes' } })).toThrow(
      'Expected `adaptive.enabled` to be a boolean, got `yes` (string)',
    );
    expect(check({ adaptive: { pacing: 1 } })).toThrow(
      'Expected `adaptive.pacing` to be a boolean, got `1` (number)',
    );
    expect(check({ cache: { dir: '/tmp/x', ttlMs: -1 } })).toThrow(
      'Expected `cache.ttlMs` to be a number from 0 and up (or Infinity), got `-1` (number)',
    );
    expect(check({ modelFactory: 'chat' })).toThrow(
      'Expected `modelFactory` to be a function (model, settings) => BaseChatModel, got `chat` (string)',
    );
  });

  it('names the replacement of the old consecutive-failure threshold', () => {
    expect(check({ breaker: { failureThreshold: 5 } })).toThrow(
      '`breaker.minimumFailingMs` (2000) and `breaker.windowMs` (10000) instead',
    );
  });

  it('accepts Infinity where a limit may be turned off', () => {
    const resolved = validateGatewayOptions(
      { limits: { 'gemini-2.5-flash': { rpm: Number.POSITIVE_INFINITY } } },
      { TOKENOFF_API_KEY: 'k' },
    );
    expect(resolved.limits['gemini-2.5-flash']?.rpm).toBe(Number.POSITIVE_INFINITY);
    expect(check({ limits: { 'gemini-2.5-flash': { concurrency: Number.POSITIVE_INFINITY } } })).toThrow(
      '`limits.gemini-2.5-flash.concurrency`',
    );
  });

  it("accepts 'unknown' as a lane's RPM, and names the three kinds of value when given another", () => {
    const resolved = validateGatewayOptions(
      { limits: { 'gemini-2.5-flash': { rpm: 'unknown' } } },
      { TOKENOFF_API_KEY: 'k' },
    );
    expect(resolved.limits['gemini-2.5-flash']?.rpm).toBe('unknown');
    expect(check({ limits: { 'gemini-2.5-flash': { rpm: 'none' } } })).toThrow(
      "Expected `limits.gemini-2.5-flash.rpm` to be a number from 1 and up, Infinity (no per-minute quota) or 'unknown', got `none` (string)",
    );
    expect(check({ limits: { 'gemini-2.5-flash': { rpm: 0 } } })).toThrow(
      "Expected `limits.gemini-2.5-flash.rpm` to be a number from 1 and up, Infinity (no per-minute quota) or 'unknown', got `0` (number)",
    );
  });

  it('never echoes an API key it rejects', () => {
    let message = '';
    try {
      validateGatewayOptions({ apiKey: 12345 as unknown as string }, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/`apiKey`/);
    expect(message).not.toContain('12345');
  });

  it('rejects unknown models in limits and chains, suggesting the closest id', () => {
    expect(check({ fallback: { chains: { 'gemini-2.5-pro': ['gemini-2.5-flsh'] } } })).toThrow(
      /`fallback.chains.gemini-2.5-pro\[0\]`: Unknown model "gemini-2.5-flsh"; did you mean "gemini-2.5-flash"\?/,
    );
    expect(check({ limits: { 'gemini-25-pro': { rpm: 10 } } })).toThrow(
      /`limits.gemini-25-pro`: Unknown model/,
    );
  });
});
