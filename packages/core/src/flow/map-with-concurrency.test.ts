import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapWithConcurrency } from './map-with-concurrency.js';

describe('mapWithConcurrency', () => {
  it('keeps input order and never runs more than `concurrency` at once, whatever the finishing order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 5 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (ticks, concurrency) => {
          let running = 0;
          let peak = 0;
          const results = await mapWithConcurrency(ticks, concurrency, async (wait, index) => {
            running += 1;
            peak = Math.max(peak, running);
            for (let tick = 0; tick < wait; tick += 1) await Promise.resolve();
            running -= 1;
            return index * 2;
          });
          expect(results).toEqual(ticks.map((_wait, index) => index * 2));
          expect(peak).toBeLessThanOrEqual(concurrency);
        },
      ),
    );
  });

  it('starts nothing new after a failure and rethrows it once the calls in flight settle', async () => {
    const started: number[] = [];
    let inFlightSettled = false;
    const outcome = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 0) throw new Error('first fails');
      await Promise.resolve();
      if (item === 1) inFlightSettled = true;
      return item;
    });
    await expect(outcome).rejects.toThrow('first fails');
    expect(started).toEqual([0, 1]);
    expect(inFlightSettled).toBe(true);
  });
});
