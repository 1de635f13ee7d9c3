import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.js';
import { createFakeClock } from './test-support/fake-clock.js';

describe('RateWindow properties', () => {
  it('never admits more than rpm requests or tpm tokens in any 60 s window, whatever the arrivals', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 100, max: 2_000 }),
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 30_000 }),
            tokens: fc.integer({ min: 0, max: 2_500 }),
          }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        async (rpm, tpm, arrivals) => {
          const clock = createFakeClock(0);
          const window = new RateWindow({ rpm, tpm }, clock);
          const admitted: { time: number; tokens: number }[] = [];
          for (const arrival of arrivals) {
            clock.advance(arrival.gapMs);
            await window.acquire(arrival.tokens);
            admitted.push({ time: clock.now(), tokens: arrival.tokens });
          }
          for (const { time } of admitted) {
            const inWindow = admitted.filter((entry) => entry.time <= time && entry.time > time - 60_000);
            expect(inWindow.length).toBeLessThanOrEqual(rpm);
            const tokens = inWindow.reduce((sum, entry) => sum + entry.tokens, 0);
            // A request larger than the whole budget may only go alone.
            if (inWindow.length > 1) expect(tokens).toBeLessThanOrEqual(tpm);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
