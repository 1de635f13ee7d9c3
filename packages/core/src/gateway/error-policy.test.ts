import { describe, expect, it } from 'vitest';
import { TokenOffError, tokenOffErrorKinds } from '../models/tokenoff-error.js';
import { errorPolicy, isCongestion, readsNothing } from './error-policy.js';

describe('errorPolicy', () => {
  it.each(tokenOffErrorKinds)('retries %s exactly when the models layer calls it retryable', (kind) => {
    const retryable = new TokenOffError('x', { kind }).retryable;
    expect(errorPolicy(kind) === 'retry').toBe(retryable);
  });

  it('treats only 429s and 503s as congestion, and 400/401/403/404 answers as reading nothing', () => {
    expect(tokenOffErrorKinds.filter(isCongestion)).toEqual(['rate_limited', 'overloaded']);
    expect(tokenOffErrorKinds.filter(readsNothing)).toEqual(['invalid_request', 'auth', 'not_found']);
  });
});
