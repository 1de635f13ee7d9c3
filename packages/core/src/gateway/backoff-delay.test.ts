import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

const settings = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

describe('backoffDelay', () => {
  it('draws below a ceiling that doubles with each retry (full jitter)', () => {
    expect(backoffDelay(1, settings, () => 0.5)).toBe(500);
    expect(backoffDelay(2, settings, () => 0.5)).toBe(1_000);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(2_000);
    expect(backoffDelay(3, settings, () => 0)).toBe(0);
  });

  it('never lets the ceiling grow past maxDelayMs', () => {
    expect(backoffDelay(20, settings, () => 0.999)).toBeLessThan(30_000);
    expect(backoffDelay(20, settings, () => 0.999)).toBeGreaterThan(29_000);
  });

  it('never waits less than the retryDelay the server asked for', () => {
    expect(backoffDelay(1, settings, () => 0.1, 17_000)).toBe(17_000);
    expect(backoffDelay(5, settings, () => 0.99, 1_000)).toBeGreaterThan(1_000);
  });

  it('stays within [max(retryDelay, 0), max(retryDelay, ceiling)) for any retry and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        (retry, draw, retryDelayMs) => {
          const delay = backoffDelay(retry, settings, () => draw, retryDelayMs);
          const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
          expect(delay).toBeGreaterThanOrEqual(retryDelayMs ?? 0);
          expect(delay).toBeLessThanOrEqual(Math.max(retryDelayMs ?? 0, ceiling));
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it('treats a broken random source as 0 instead of producing NaN', () => {
    expect(backoffDelay(2, settings, () => Number.NaN)).toBe(0);
    expect(backoffDelay(2, settings, () => 7)).toBeLessThan(2_000);
  });
});
