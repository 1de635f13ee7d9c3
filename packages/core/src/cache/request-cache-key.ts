import { createHash } from 'node:crypto';

/** Bumped when the shape of cached entries changes, so old entries are never misread. */
const keyVersion = 'tokenflow-response-v1';

/**
 * JSON with object keys sorted at every level, so two requests that differ only in key order get the
 * same cache key. `undefined` values and functions are dropped, as `JSON.stringify` does.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') return sortKeys(toJSON.call(value));
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined && typeof entry !== 'function') sorted[key] = sortKeys(entry);
  }
  return sorted;
}

/**
 * The content address of a request: a SHA-256 over the stable JSON of everything that shapes the answer
 * (model, messages, tools, generation config). Callers must leave credentials out of `request`; the key
 * is a one-way hash either way, so the cache never holds the request text in its index.
 */
export function requestCacheKey(request: unknown): string {
  return createHash('sha256').update(keyVersion).update('\n').update(stableStringify(request)).digest('hex');
}
