/**
 * JSON with object keys sorted at every level, so two values that differ only in key order give the same
 * text: the basis of response-cache keys and pipeline fingerprints. Otherwise it follows `JSON.stringify`:
 * `toJSON` is honoured (a `Date` becomes its ISO string), `undefined` and function entries of objects are
 * dropped and become `null` in arrays, and a top-level `undefined` gives `null`.
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
