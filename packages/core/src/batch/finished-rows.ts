/**
 * The set of finished row indexes, kept as a watermark (every index below it is finished) plus the few
 * finished indexes above it. The runner never lets rows finish more than `maxSpan` past the oldest
 * unfinished one, so this stays small however many rows the journal lists.
 */
export class FinishedRows {
  #watermark = 0;
  readonly #above = new Set<number>();
  #count = 0;

  /** Marks `index` finished; returns false when it already was. */
  add(index: number): boolean {
    if (this.has(index)) return false;
    this.#count += 1;
    if (index !== this.#watermark) {
      this.#above.add(index);
      return true;
    }
    this.#watermark += 1;
    while (this.#above.delete(this.#watermark)) this.#watermark += 1;
    return true;
  }

  has(index: number): boolean {
    return index < this.#watermark || this.#above.has(index);
  }

  /** How many rows are finished. */
  get count(): number {
    return this.#count;
  }

  /** Every index below this is finished. */
  get watermark(): number {
    return this.#watermark;
  }
}
