/**
 * Small deterministic hashing and pseudo-randomness for the emulator's model: same input, same output,
 * on every machine. Not cryptographic.
 */

/** A 32-bit FNV-1a hash of a string, mixed with `seed`. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks one element of a non-empty list with `random`. */
export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length) % items.length];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A deterministic base64 string of `byteLength` bytes derived from `key`, shaped like the opaque
 * `thoughtSignature`s the real API returns.
 */
export function deriveBase64(key: string, byteLength: number): string {
  const random = createRandom(hashString(key));
  let text = '';
  // Three bytes, drawn in order, make four characters; no byte array in between.
  for (let index = 0; index < byteLength; index += 3) {
    const remaining = byteLength - index;
    const a = Math.floor(random() * 256);
    const b = remaining > 1 ? Math.floor(random() * 256) : 0;
    const c = remaining > 2 ? Math.floor(random() * 256) : 0;
    const triple = (a << 16) | (b << 8) | c;
    text += base64Alphabet[(triple >> 18) & 63];
    text += base64Alphabet[(triple >> 12) & 63];
    text += remaining > 1 ? base64Alphabet[(triple >> 6) & 63] : '=';
    text += remaining > 2 ? base64Alphabet[triple & 63] : '=';
  }
  return text;
}

/** A deterministic id of `length` lowercase letters and digits, like Gemini 3's `functionCall.id`. */
export function deriveId(key: string, length = 8): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const random = createRandom(hashString(key));
  let id = '';
  for (let index = 0; index < length; index += 1) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
