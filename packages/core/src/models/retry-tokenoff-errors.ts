import { isTokenOffError } from './tokenoff-error.js';

/**
 * Longest server-requested wait that ChatTokenOff's own retry loop sits out; a longer `retryDelayMs` ends the
 * call so the caller (or the tokenflow gateway) can fall back instead of blocking.
 */
export const maxInlineRetryDelayMs = 60_000;

const stopped = new WeakSet<object>();

/**
 * Marks an error as the end of its call whatever its kind: used when the caller's own signal fired (its
 * `timeout` is a retryable kind, but the caller has already gone).
 */
export function stopRetrying<T extends object>(error: T): T {
  stopped.add(error);
  return error;
}

/**
 * The `onFailedAttempt` handler ChatTokenOff gives LangChain's AsyncCaller (p-retry): it stops at once on
 * errors that retrying cannot fix (everything but rate_limited, overloaded, server, timeout and network),
 * and makes p-retry wait at least the server's `retryDelayMs` (p-retry reads `retryAfterMs`).
 */
export function retryTokenOffErrors(error: unknown): void {
  if (!isTokenOffError(error) || !error.retryable || stopped.has(error)) throw error;
  if (error.retryDelayMs !== undefined) {
    if (error.retryDelayMs > maxInlineRetryDelayMs) throw error;
    Object.defineProperty(error, 'retryAfterMs', { value: error.retryDelayMs, configurable: true });
  }
}
