import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxArrivalLagMs, type RateReservation, RateWindow, rateWindowMs } from './rate-window.js';
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

  it('counts each request from its answer (at most 5 s after sending) however the answers interleave', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 4_000 }),
            // Send a request, or answer the one at this index among those not answered yet.
            answer: fc.option(fc.nat(), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 1, maxLength: 5 }),
        async (steps, checkpoints) => {
          const clock = createFakeClock(0);
          const unlimited = Number.POSITIVE_INFINITY;
          const window = new RateWindow({ rpm: unlimited, tpm: unlimited }, clock);
          const counted: { from: number; sentAt: number }[] = [];
          const waiting: { reservation: RateReservation; index: number }[] = [];
          for (const step of steps) {
            clock.advance(step.gapMs);
            if (step.answer === undefined || waiting.length === 0) {
              const reservation = window.tryAcquire(1);
              if (!reservation) throw new Error('an unlimited window refused a request');
              counted.push({ from: clock.now(), sentAt: clock.now() });
              waiting.push({ reservation, index: counted.length - 1 });
              continue;
            }
            const [answered] = waiting.splice(step.answer % waiting.length, 1);
            if (!answered) continue;
            answered.reservation.answered();
            const entry = counted[answered.index];
            if (entry) entry.from = Math.min(clock.now(), entry.sentAt + maxArrivalLagMs);
          }
          for (const checkpoint of [...checkpoints].sort((a, b) => a - b)) {
            const now = counted.at(-1)?.sentAt ?? 0;
            clock.advance(Math.max(0, now + checkpoint - clock.now()));
            const inWindow = counted.filter((entry) => entry.from + rateWindowMs > clock.now());
            expect(window.usage().requests).toBe(inWindow.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
