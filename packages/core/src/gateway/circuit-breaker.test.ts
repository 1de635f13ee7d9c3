import { describe, expect, it } from 'vitest';
import { CircuitBreaker, msUntilPacificMidnight } from './circuit-breaker.js';

const settings = {
  failureRate: 0.5,
  minimumCalls: 4,
  minimumFailingMs: 0,
  windowMs: 10_000,
  firstCooldownMs: 5_000,
  cooldownMs: 30_000,
  quotaCooldownMs: 300_000,
  notFoundCooldownMs: 600_000,
};

const failed = { probe: false };

describe('CircuitBreaker', () => {
  it('judges nothing before minimumCalls attempts ended in the window', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 3; i += 1) expect(breaker.onFailure(0, 'overloaded', failed)).toBeUndefined();
    expect(breaker.state).toBe('closed');
    expect(breaker.onFailure(0, 'overloaded', failed)).toBe(5_000);
    expect(breaker.state).toBe('open');
  });

  it('stays closed while fewer than failureRate of the attempts in the window fail', () => {
    const breaker = new CircuitBreaker(settings);
    // A burst of failures among many successes: 4 of 10 is below half.
    for (let i = 0; i < 6; i += 1) breaker.onSuccess(i, false);
    for (let i = 0; i < 4; i += 1) expect(breaker.onFailure(10, 'overloaded', failed)).toBeUndefined();
    expect(breaker.state).toBe('closed');
    // The fifth makes it 5 of 11, still below half; the sixth makes it 6 of 12.
    expect(breaker.onFailure(11, 'overloaded', failed)).toBeUndefined();
    expect(breaker.onFailure(12, 'overloaded', failed)).toBe(5_012);
  });

  it('forgets attempts older than windowMs', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 3; i += 1) breaker.onFailure(0, 'server', failed);
    // Ten seconds later the old failures are out: one new failure is 1 of 1, below minimumCalls.
    expect(breaker.onFailure(10_000, 'server', failed)).toBeUndefined();
    for (let i = 0; i < 2; i += 1) breaker.onFailure(10_001, 'server', failed);
    expect(breaker.state).toBe('closed');
    expect(breaker.onFailure(10_002, 'server', failed)).toBe(15_002);
  });

  it('does not open on a burst shorter than minimumFailingMs, however many calls it fails', () => {
    const breaker = new CircuitBreaker({ ...settings, minimumFailingMs: 2_000 });
    // A cold model meets a 300 ms burst: sixteen calls fail before any success comes back.
    for (let i = 0; i < 16; i += 1) expect(breaker.onFailure(i * 20, 'overloaded', failed)).toBeUndefined();
    for (let i = 0; i < 16; i += 1) breaker.onSuccess(500 + i * 10, false);
    expect(breaker.state).toBe('closed');
    // A model that keeps failing most calls for two seconds from the first failure is taken out.
    for (let t = 600; t < 2_000; t += 100) breaker.onFailure(t, 'overloaded', failed);
    expect(breaker.state).toBe('closed');
    expect(breaker.onFailure(2_000, 'overloaded', failed)).toBe(2_000 + 5_000);
  });

  it('opens for the cooldown, longer if the server asked', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 3; i += 1) breaker.onFailure(1_000, 'server', failed);
    expect(breaker.onFailure(1_000, 'server', { probe: false, retryDelayMs: 45_000 })).toBe(46_000);
    expect(breaker.state).toBe('open');
    expect(breaker.admit(45_999)).toBe('open');
  });

  it('is not reopened or extended by failures of calls sent before it opened', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 4; i += 1) breaker.onFailure(0, 'overloaded', failed);
    expect(breaker.openUntil).toBe(5_000);
    // Twelve calls that were already in flight fail too: the circuit stays open until 5 s, no longer.
    for (let i = 0; i < 12; i += 1) expect(breaker.onFailure(100, 'overloaded', failed)).toBeUndefined();
    expect(breaker.openUntil).toBe(5_000);
    expect(breaker.admit(5_000)).toBe('probe');
    expect(breaker.onFailure(5_100, 'overloaded', failed)).toBeUndefined();
    expect(breaker.state).toBe('half-open');
  });

  it('opens for 5 s after a first burst, doubling while the model stays down, up to the cooldown', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 4; i += 1) breaker.onFailure(0, 'overloaded', failed);
    expect(breaker.openUntil).toBe(5_000);
    const reopenings: number[] = [];
    let now = 5_000;
    for (let i = 0; i < 4; i += 1) {
      expect(breaker.admit(now)).toBe('probe');
      now = breaker.onFailure(now, 'overloaded', { probe: true }) ?? now;
      reopenings.push(now);
    }
    expect(reopenings).toEqual([15_000, 35_000, 65_000, 95_000]);
    expect(breaker.admit(95_000)).toBe('probe');
    breaker.onSuccess(95_000, true);
    // A successful probe forgets the old failures and the doubling.
    for (let i = 0; i < 3; i += 1) breaker.onFailure(100_000, 'overloaded', failed);
    expect(breaker.state).toBe('closed');
    breaker.onFailure(100_000, 'overloaded', failed);
    expect(breaker.openUntil).toBe(105_000);
  });

  it('lets exactly one probe through once the cooldown is over', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 10_000, 'quota_exhausted');
    expect(breaker.isAvailable(9_999)).toBe(false);
    expect(breaker.admit(10_000)).toBe('probe');
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit(10_001)).toBe('open');
    expect(breaker.isAvailable(10_001)).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 10_000, 'overloaded');
    breaker.admit(10_000);
    expect(breaker.onSuccess(10_000, true)).toBe(true);
    expect(breaker.state).toBe('closed');
    expect(breaker.admit(10_000)).toBe('closed');
  });

  it('stays open when a request sent before it opened succeeds late', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 86_400_000, 'quota_exhausted');
    expect(breaker.onSuccess(500, false)).toBe(false);
    expect(breaker.state).toBe('open');
    expect(breaker.admit(1_000)).toBe('open');
  });

  it('opens again at once when the probe fails', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 10_000, 'overloaded');
    breaker.admit(10_000);
    expect(breaker.onFailure(10_000, 'overloaded', { probe: true })).toBe(15_000);
    expect(breaker.admit(14_999)).toBe('open');
  });

  it('offers the probe to another call when the first one ended without a verdict', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 10_000, 'overloaded');
    breaker.admit(10_000);
    breaker.releaseProbe();
    expect(breaker.admit(10_000)).toBe('probe');
  });

  it('picks cooldowns: the server delay, else midnight Pacific for daily quotas, else the settings', () => {
    const breaker = new CircuitBreaker(settings);
    expect(breaker.cooldownFor(0, 'quota_exhausted', 3_600_000)).toBe(3_600_000);
    expect(breaker.cooldownFor(0, 'quota_exhausted', undefined, 'GenerateRequestsPerMinute')).toBe(300_000);
    expect(breaker.cooldownFor(0, 'not_found')).toBe(600_000);
    const noon = Date.parse('2026-01-15T12:00:00-08:00');
    expect(
      breaker.cooldownFor(noon, 'quota_exhausted', undefined, 'GenerateRequestsPerDayPerProjectPerModel'),
    ).toBe(12 * 3_600_000);
  });

  it('counts to the next midnight in Los Angeles, in summer time too', () => {
    expect(msUntilPacificMidnight(Date.parse('2026-07-01T23:30:00-07:00'))).toBe(30 * 60_000);
    expect(msUntilPacificMidnight(Date.parse('2026-01-01T00:00:01-08:00'))).toBe(86_399_000);
  });
});
