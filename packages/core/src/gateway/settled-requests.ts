/**
 * Answered requests of a rate window, oldest first: when each counts from and its input tokens, as two
 * numbers in a ring of typed arrays rather than an object each. A window counts a minute of requests:
 * 270,000 of them at 4,400 requests a second, which as objects in an array held ~108 bytes each (28 MB
 * of heap in a 1M-row run) and here hold 16 (twice that at most, while the ring has room to spare).
 */
export class SettledRequests {
  #times = new Float64Array(initialCapacity);
  #tokens = new Float64Array(initialCapacity);
  /** Index of the oldest in the ring. */
  #head = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** When the `index`-th oldest counts from (0: the oldest). */
  timeAt(index: number): number {
    return this.#times[this.#slot(index)] ?? Number.NaN;
  }

  /** The input tokens of the `index`-th oldest. */
  tokensAt(index: number): number {
    return this.#tokens[this.#slot(index)] ?? 0;
  }

  /**
   * Adds one counting from `time`, kept in time order: usually the newest (an answer counts from now), else
   * placed after every one counting from `time` or earlier (an answer capped at its send plus the arrival lag).
   */
  add(time: number, tokens: number): void {
    if (this.#size === this.#times.length) this.#resize(this.#times.length * 2);
    let index = this.#size;
    for (; index > 0 && this.timeAt(index - 1) > time; index -= 1) {
      const from = this.#slot(index - 1);
      const to = this.#slot(index);
      this.#times[to] = this.#times[from] ?? 0;
      this.#tokens[to] = this.#tokens[from] ?? 0;
    }
    const slot = this.#slot(index);
    this.#times[slot] = time;
    this.#tokens[slot] = tokens;
    this.#size += 1;
  }

  /** Drops the oldest; returns its tokens. */
  dropOldest(): number {
    const tokens = this.tokensAt(0);
    this.#head = this.#slot(1);
    this.#size -= 1;
    if (this.#times.length > shrinkAbove && this.#size * 4 <= this.#times.length) {
      this.#resize(this.#times.length / 2);
    }
    return tokens;
  }

  #slot(index: number): number {
    return (this.#head + index) % this.#times.length;
  }

  #resize(capacity: number): void {
    const times = new Float64Array(capacity);
    const tokens = new Float64Array(capacity);
    for (let index = 0; index < this.#size; index += 1) {
      times[index] = this.timeAt(index);
      tokens[index] = this.tokensAt(index);
    }
    this.#times = times;
    this.#tokens = tokens;
    this.#head = 0;
  }
}

const initialCapacity = 64;
/** The ring gives memory back (halves) once a quarter of it is in use, but never below this. */
const shrinkAbove = 1_024;
