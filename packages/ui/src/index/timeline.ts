/** Counts per second of the run, downsampled on request; one entry per second that saw something. */
export interface TimelineBucket {
  /** Start of the bucket, ms since the epoch. */
  startMs: number;
  rows: number;
  retries: number;
  fallbacks: number;
  rateLimited: number;
}

export type TimelineSeries = Exclude<keyof TimelineBucket, 'startMs'>;

export class Timeline {
  private readonly seconds = new Map<number, TimelineBucket>();

  add(timeMs: number, series: TimelineSeries): void {
    const second = Math.floor(timeMs / 1000);
    const bucket = this.seconds.get(second) ?? {
      startMs: second * 1000,
      rows: 0,
      retries: 0,
      fallbacks: 0,
      rateLimited: 0,
    };
    bucket[series] += 1;
    this.seconds.set(second, bucket);
  }

  clear(): void {
    this.seconds.clear();
  }

  /** At most `maxBuckets` equal buckets from the first to the last second seen. */
  buckets(maxBuckets: number): { bucketMs: number; buckets: TimelineBucket[] } {
    if (this.seconds.size === 0) return { bucketMs: 1000, buckets: [] };
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const second of this.seconds.keys()) {
      first = Math.min(first, second);
      last = Math.max(last, second);
    }
    const span = last - first + 1;
    const secondsPerBucket = Math.max(1, Math.ceil(span / maxBuckets));
    const count = Math.ceil(span / secondsPerBucket);
    const buckets: TimelineBucket[] = Array.from({ length: count }, (_, index) => ({
      startMs: (first + index * secondsPerBucket) * 1000,
      rows: 0,
      retries: 0,
      fallbacks: 0,
      rateLimited: 0,
    }));
    for (const [second, counts] of this.seconds) {
      const bucket = buckets[Math.floor((second - first) / secondsPerBucket)];
      if (!bucket) continue;
      bucket.rows += counts.rows;
      bucket.retries += counts.retries;
      bucket.fallbacks += counts.fallbacks;
      bucket.rateLimited += counts.rateLimited;
    }
    return { bucketMs: secondsPerBucket * 1000, buckets };
  }
}
