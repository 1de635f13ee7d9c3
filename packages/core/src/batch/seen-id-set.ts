/**
 * Remembers which row ids were seen, in about 8 bytes per id (a 64-bit hash in an open-addressing
 * table) instead of the id strings themselves, so duplicate detection over millions of rows stays small.
 * Two different ids collide with probability ~n²/2⁶⁵ (about 3·10⁻⁸ for a million rows); a collision would
 * report a false duplicate, never hide a real one.
 */
export class SeenIdSet {
  #table: Uint32Array;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.#table = new Uint32Array(capacity * 2);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds `id`; returns false when it (or a colliding id) was already there. */
  add(id: string): boolean {
    const [high, low] = hash64(id);
    if ((this.#size + 1) * 2 > this.#table.length / 2) this.#grow();
    return this.#insert(this.#table, high, low);
  }

  #insert(table: Uint32Array, high: number, low: number): boolean {
    const slots = table.length / 2;
    let slot = (low ^ high) & (slots - 1);
    for (;;) {
      const h = table[slot * 2] as number;
      const l = table[slot * 2 + 1] as number;
      if (h === 0 && l === 0) {
        table[slot * 2] = high;
        table[slot * 2 + 1] = low;
        if (table === this.#table) this.#size += 1;
        return true;
      }
      if (h === high && l === low) return false;
      slot = (slot + 1) & (slots - 1);
    }
  }

  #grow(): void {
    const old = this.#table;
    const next = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i] as number;
      const l = old[i + 1] as number;
      if (h !== 0 || l !== 0) this.#insert(next, h, l);
    }
    this.#table = next;
  }
}

/** Two independent 32-bit string hashes (cyrb53-style mixing); never both zero (zero marks empty). */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = h1 >>> 0;
  const low = h2 >>> 0;
  return high === 0 && low === 0 ? [0, 1] : [high, low];
}
