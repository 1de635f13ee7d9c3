/** Everything tokenflow writes to Redis lives under this prefix; it touches no other key. */
export const keyPrefix = 'tokenflow:';

/**
 * The governor's keys for one key id and model. The key id is in braces (a Redis Cluster hash tag), so all
 * keys of one API key share a slot and one script may touch them together.
 */
export function governorKeys(keyId: string, model: string): [string, string, string, string] {
  const base = `${keyPrefix}{${keyId}}:governor:${model}:`;
  return [`${base}window`, `${base}entries`, `${base}inflight`, `${base}state`];
}
