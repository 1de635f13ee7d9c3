/** FNV-1a over a string, mixed with a seed: a 32-bit starting state for one stream of draws. */
function hashSeed(seed: number, key: string): number {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}

/**
 * A deterministic generator of numbers in [0, 1) (mulberry32) for one `key` under one `seed`. Keys such
 * as `gemini-2.5-pro#17` make each request's draws independent of how requests interleave.
 */
export function seededRandom(seed: number, key: string): () => number {
  let state = hashSeed(seed, key);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
