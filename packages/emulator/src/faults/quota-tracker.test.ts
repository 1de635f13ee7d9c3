import { describe, expect, it } from 'vitest';
import { QuotaTracker } from './quota-tracker.js';

describe('QuotaTracker', () => {
  it('refuses past requestsPerMinute until the oldest counted request slides out', () => {
    const tracker = new QuotaTracker();
    const quota = { requestsPerMinute: 2 };
    tracker.record(quota, 0, 1);
    tracker.record(quota, 20_000, 1);
    expect(tracker.check(quota, 30_000, 1)).toEqual({
      kind: 'requests-per-minute',
      limit: 2,
      retryDelayMs: 30_000,
    });
    expect(tracker.check(quota, 60_000, 1)).toBeUndefined();
  });

  it('refuses past tokensPerMinute with the delay until enough tokens free up', () => {
    const tracker = new QuotaTracker();
    const quota = { tokensPerMinute: 100 };
    tracker.record(quota, 0, 40);
    tracker.record(quota, 10_000, 40);
    expect(tracker.check(quota, 20_000, 10)).toBeUndefined();
    // 90 more would need both earlier requests gone: the second leaves at 70 s
    expect(tracker.check(quota, 20_000, 90)).toEqual({
      kind: 'tokens-per-minute',
      limit: 100,
      retryDelayMs: 50_000,
    });
  });

  it('counts requests per day in the given time zone and resets at its midnight', () => {
    const tracker = new QuotaTracker();
    const quota = { requestsPerDay: 1, dayTimeZone: 'UTC' };
    const lateEvening = Date.UTC(2026, 5, 1, 23, 0, 0);
    tracker.record(quota, lateEvening, 1);
    expect(tracker.check(quota, lateEvening + 1_000, 1)).toEqual({
      kind: 'requests-per-day',
      limit: 1,
      retryDelayMs: 3_599_000,
    });
    expect(tracker.check(quota, Date.UTC(2026, 5, 2, 0, 0, 0), 1)).toBeUndefined();
  });
});
