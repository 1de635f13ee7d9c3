/**
 * Latency percentiles in constant memory: values land in log-spaced buckets (each ~2% wide), so a
 * million rows cost the same few kilobytes as ten. Percentiles are exact to within one bucket width.
 */
export class LatencyHistogram {
  static readonly #growth = 1.02;
  static readonly #logGrowth = Math.log(LatencyHistogram.#growth);
  readonly #buckets = new Map<number, number>();
  #count = 0;
  #max = 0;

  /** Records one latency in milliseconds (negative values count as 0). */
  record(milliseconds: number): void {
    const value = Number.isFinite(milliseconds) && milliseconds > 0 ? milliseconds : 0;
    const bucket = value < 1 ? -1 : Math.floor(Math.log(value) / LatencyHistogram.#logGrowth);
    this.#buckets.set(bucket, (this.#buckets.get(bucket) ?? 0) + 1);
    this.#count += 1;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.#count;
  }

  /**
   * The value below which `fraction` (0..1) of the recorded latencies fall, rounded to whole
   * milliseconds; `undefined` when nothing was recorded.
   */
  percentile(fraction: number): number | undefined {
    if (this.#count === 0) return undefined;
    const rank = Math.max(1, Math.ceil(fraction * this.#count));
    const ordered = [...this.#buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const bucket of ordered) {
      seen += this.#buckets.get(bucket) ?? 0;
      if (seen >= rank) {
        if (bucket < 0) return 0;
        // The bucket's upper bound, capped by the largest value seen, so p100 is exact.
        const upper = LatencyHistogram.#growth ** (bucket + 1);
        return Math.round(Math.min(upper, this.#max));
      }
    }
    return Math.round(this.#max);
  }
}
