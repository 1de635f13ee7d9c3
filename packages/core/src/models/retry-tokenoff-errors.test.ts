import { describe, expect, it } from 'vitest';
import { retryTokenOffErrors, stopRetrying } from './retry-tokenoff-errors.js';
import { TokenOffError, type TokenOffErrorKind } from './tokenoff-error.js';

describe('retryTokenOffErrors', () => {
  it.each([
    'invalid_request',
    'auth',
    'not_found',
    'quota_exhausted',
    'blocked',
    'truncated',
    'aborted',
  ] as const)('stops the retry loop on %s', (kind: TokenOffErrorKind) => {
    const error = new TokenOffError('x', { kind });
    expect(() => retryTokenOffErrors(error)).toThrow(error);
  });

  it.each(['rate_limited', 'overloaded', 'server', 'timeout', 'network'] as const)(
    'lets %s be retried',
    (kind) => {
      expect(() => retryTokenOffErrors(new TokenOffError('x', { kind }))).not.toThrow();
    },
  );

  it('makes the retry loop wait at least the server delay', () => {
    const error = new TokenOffError('x', { kind: 'rate_limited', retryDelayMs: 17_000 });
    retryTokenOffErrors(error);
    expect((error as unknown as { retryAfterMs: number }).retryAfterMs).toBe(17_000);
  });

  it('gives up rather than block for a delay over a minute', () => {
    const error = new TokenOffError('x', { kind: 'rate_limited', retryDelayMs: 90_000 });
    expect(() => retryTokenOffErrors(error)).toThrow(error);
  });

  it('stops on errors that are not TokenOff failures', () => {
    expect(() => retryTokenOffErrors(new Error('bug'))).toThrow('bug');
  });

  it('stops on a retryable kind once the caller has given up', () => {
    const error = stopRetrying(new TokenOffError('x', { kind: 'timeout' }));
    expect(() => retryTokenOffErrors(error)).toThrow(error);
  });
});
