import type { TokenOffErrorKind } from '../models/tokenoff-error.js';

/**
 * What the gateway does after an attempt fails with an error of this kind:
 * - `retry`: try the same model again after a backoff, and fall back once retries are spent;
 * - `fallback`: skip to the next model in the chain at once (and open this model's circuit);
 * - `fail`: stop; retrying or another model cannot help (the request, the key or the content is at fault),
 *   or the caller gave up.
 */
export type ErrorAction = 'retry' | 'fallback' | 'fail';

/** What the gateway layer knows about one kind of failure. */
interface KindPolicy {
  action: ErrorAction;
  /** "You are sending too much": shrinks the lane's adaptive concurrency. */
  congestion: boolean;
  /**
   * The server answers before it reads the input (a 400, 401/403 or 404): the request's estimated tokens
   * leave the TPM window at once, while the request itself still counts against RPM.
   */
  readsNothing: boolean;
}

/**
 * The gateway's one table of error kinds: a new kind fails to compile until it has an entry here. `retry`
 * here and `retryable` in the models layer's table must agree (a test checks it).
 */
const policies = {
  rate_limited: { action: 'retry', congestion: true, readsNothing: false },
  overloaded: { action: 'retry', congestion: true, readsNothing: false },
  server: { action: 'retry', congestion: false, readsNothing: false },
  timeout: { action: 'retry', congestion: false, readsNothing: false },
  network: { action: 'retry', congestion: false, readsNothing: false },
  quota_exhausted: { action: 'fallback', congestion: false, readsNothing: false },
  not_found: { action: 'fallback', congestion: false, readsNothing: true },
  invalid_request: { action: 'fail', congestion: false, readsNothing: true },
  auth: { action: 'fail', congestion: false, readsNothing: true },
  // Another model would most likely block the same content; the flow layer decides what to do.
  blocked: { action: 'fail', congestion: false, readsNothing: false },
  // MAX_TOKENS with nothing usable: the same request fails the same way; raise the limit instead.
  truncated: { action: 'fail', congestion: false, readsNothing: false },
  aborted: { action: 'fail', congestion: false, readsNothing: false },
} as const satisfies Record<TokenOffErrorKind, KindPolicy>;

export function errorPolicy(kind: TokenOffErrorKind): ErrorAction {
  return policies[kind].action;
}

/** Kinds that mean "you are sending too much": they shrink the lane's adaptive concurrency. */
export function isCongestion(kind: TokenOffErrorKind): boolean {
  return policies[kind].congestion;
}

/** Kinds the server answers before it reads the input (see {@link KindPolicy.readsNothing}). */
export function readsNothing(kind: TokenOffErrorKind): boolean {
  return policies[kind].readsNothing;
}
