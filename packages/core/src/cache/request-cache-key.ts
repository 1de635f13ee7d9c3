import { createHash } from 'node:crypto';
import { stableStringify } from './stable-stringify.js';

/** Bumped when the shape of cached entries changes, so old entries are never misread. */
const keyVersion = 'tokenflow-response-v1';

/**
 * The content address of a request: a SHA-256 over the stable JSON of everything that shapes the answer
 * (model, messages, tools, generation config). Callers must leave credentials out of `request`; the key
 * is a one-way hash either way, so the cache never holds the request text in its index.
 */
export function requestCacheKey(request: unknown): string {
  return createHash('sha256').update(keyVersion).update('\n').update(stableStringify(request)).digest('hex');
}
