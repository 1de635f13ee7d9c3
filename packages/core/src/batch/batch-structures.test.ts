import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FinishedRows } from './finished-rows.js';
import { LatencyHistogram } from './latency-histogram.js';
import { SeenIdSet } from './seen-id-set.js';

describe('SeenIdSet', () => {
  it('reports each id new exactly once, across growth', () => {
    const set = new SeenIdSet(4);
    for (let i = 0; i < 20_000; i++) expect(set.add(`row-${i}`)).toBe(true);
    for (let i = 0; i < 20_000; i += 997) expect(set.add(`row-${i}`)).toBe(false);
    expect(set.size).toBe(20_000);
  });

  it('agrees with a plain Set on any sequence of ids (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (ids) => {
        const set = new SeenIdSet(2);
        const reference = new Set<string>();
        for (const id of ids) {
          expect(set.add(id)).toBe(!reference.has(id));
          reference.add(id);
        }
      }),
    );
  });
});

describe('FinishedRows', () => {
  it('agrees with a plain Set and keeps only the rows above the watermark (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 200 }), { maxLength: 400 }), (indexes) => {
        const finished = new FinishedRows();
        const reference = new Set<number>();
        for (const index of indexes) {
          expect(finished.add(index)).toBe(!reference.has(index));
          reference.add(index);
        }
        for (let index = 0; index <= 201; index++) expect(finished.has(index)).toBe(reference.has(index));
        expect(finished.count).toBe(reference.size);
        let watermark = 0;
        while (reference.has(watermark)) watermark += 1;
        expect(finished.watermark).toBe(watermark);
      }),
    );
  });
});

describe('LatencyHistogram', () => {
  it('gives percentiles within 2% of the exact ones', () => {
    const histogram = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 10 + ((i * 7919) % 5000));
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    const exact = (fraction: number) => sorted[Math.ceil(fraction * sorted.length) - 1] as number;
    expect(Math.abs((histogram.percentile(0.5) as number) - exact(0.5)) / exact(0.5)).toBeLessThan(0.021);
    expect(Math.abs((histogram.percentile(0.95) as number) - exact(0.95)) / exact(0.95)).toBeLessThan(0.021);
    expect(histogram.percentile(1)).toBe(5009);
  });

  it('has no percentiles before the first value', () => {
    expect(new LatencyHistogram().percentile(0.5)).toBeUndefined();
  });
});
