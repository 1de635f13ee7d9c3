import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from './adaptive-limit.js';

const settings = { enabled: true, decreaseFactor: 0.5, increaseStep: 1, pacing: true };

describe('AdaptiveLimit', () => {
  it('starts at the configured maximum', () => {
    expect(new AdaptiveLimit(16, settings).current).toBe(16);
  });

  it('halves on congestion, once per epoch however many calls of that epoch fail', () => {
    const limit = new AdaptiveLimit(16, settings);
    const epoch = limit.epoch;
    expect(limit.onCongestion(epoch, 0)).toBe(true);
    expect(limit.onCongestion(epoch, 0)).toBe(false);
    expect(limit.onCongestion(epoch, 0)).toBe(false);
    expect(limit.current).toBe(8);
    expect(limit.onCongestion(limit.epoch, 0)).toBe(true);
    expect(limit.current).toBe(4);
  });

  it('shrinks at most once per round trip, however fast the calls let in after a shrink fail', () => {
    const limit = new AdaptiveLimit(16, settings);
    // Successful attempts take about 200 ms: that is the round trip.
    for (let i = 0; i < 5; i += 1) limit.onSuccess(200);
    expect(limit.roundTripMs).toBe(200);
    expect(limit.onCongestion(limit.epoch, 1_000)).toBe(true);
    // A burst of 503s: calls of the new epoch fail within milliseconds, before the halving can show.
    expect(limit.onCongestion(limit.epoch, 1_010)).toBe(false);
    expect(limit.onCongestion(limit.epoch, 1_150)).toBe(false);
    expect(limit.current).toBe(8);
    // One round trip later, still too much: it halves again.
    expect(limit.onCongestion(limit.epoch, 1_200)).toBe(true);
    expect(limit.current).toBe(4);
  });

  it('never goes below 1', () => {
    const limit = new AdaptiveLimit(4, settings);
    for (let i = 0; i < 10; i += 1) limit.onCongestion(limit.epoch, 0);
    expect(limit.current).toBe(1);
  });

  it('grows back by one per window of successes, never past the maximum', () => {
    const limit = new AdaptiveLimit(8, settings);
    limit.onCongestion(limit.epoch, 0);
    expect(limit.current).toBe(4);
    for (let i = 0; i < 4; i += 1) limit.onSuccess();
    expect(limit.current).toBe(5);
    for (let i = 0; i < 1_000; i += 1) limit.onSuccess();
    expect(limit.current).toBe(8);
  });

  it('settles near a quota it does not know: shrinking on 429s above it, growing below it', () => {
    // A server that accepts 10 calls in flight; the lane may run up to 64.
    const limit = new AdaptiveLimit(64, settings);
    const seen: number[] = [];
    for (let round = 0; round < 200; round += 1) {
      const epoch = limit.epoch;
      const inFlight = limit.current;
      for (let call = 0; call < inFlight; call += 1) {
        if (call >= 10) limit.onCongestion(epoch, 0);
        else limit.onSuccess();
      }
      seen.push(limit.current);
    }
    const late = seen.slice(100);
    expect(Math.max(...late)).toBeLessThanOrEqual(11);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(5);
  });

  it('stays at the maximum when disabled', () => {
    const limit = new AdaptiveLimit(8, { ...settings, enabled: false });
    limit.onCongestion(limit.epoch, 0);
    expect(limit.current).toBe(8);
  });
});
