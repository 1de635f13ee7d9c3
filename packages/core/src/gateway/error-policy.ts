import type { TokenOffErrorKind } from '../models/tokenoff-error.js';

/**
 * What the gateway does after an attempt fails with an error of this kind:
 * - `retry`: try the same model again after a backoff, and fall back once retries are spent;
 * - `fallback`: skip to the next model in the chain at once (and open this model's circuit);
 * - `fail`: stop; retrying or another model cannot help (the request, the key or the content is at fault),
 *   or the caller gave up.
 */
export type ErrorAction = 'retry' | 'fallback' | 'fail';

const actions: Readonly<Record<TokenOffErrorKind, ErrorAction>> = {
  rate_limited: 'retry',
  overloaded: 'retry',
  server: 'retry',
  timeout: 'retry',
  network: 'retry',
  quota_exhausted: 'fallback',
  not_found: 'fallback',
  invalid_request: 'fail',
  auth: 'fail',
  // Another model would most likely block the same content; the flow layer decides what to do.
  blocked: 'fail',
  // MAX_TOKENS with nothing usable: the same request fails the same way; raise the limit instead.
  truncated: 'fail',
  aborted: 'fail',
};

export function errorPolicy(kind: TokenOffErrorKind): ErrorAction {
  return actions[kind];
}

/** Kinds that mean "you are sending too much": they shrink the lane's adaptive concurrency. */
export function isCongestion(kind: TokenOffErrorKind): boolean {
  return kind === 'rate_limited' || kind === 'overloaded';
}
