import { describe, expect, it } from 'vitest';
import { CircuitBreaker, msUntilPacificMidnight } from './circuit-breaker.js';

const settings = {
  failureThreshold: 3,
  firstCooldownMs: 5_000,
  cooldownMs: 30_000,
  quotaCooldownMs: 300_000,
  notFoundCooldownMs: 600_000,
};

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and resets the count on success', () => {
    const breaker = new CircuitBreaker(settings);
    expect(breaker.onFailure(0, 'overloaded')).toBeUndefined();
    expect(breaker.onFailure(0, 'overloaded')).toBeUndefined();
    breaker.onSuccess(false);
    expect(breaker.onFailure(0, 'overloaded')).toBeUndefined();
    expect(breaker.state).toBe('closed');
  });

  it('opens after N consecutive failures for at least the cooldown, longer if the server asked', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.onFailure(1_000, 'server');
    breaker.onFailure(1_000, 'server');
    expect(breaker.onFailure(1_000, 'rate_limited', 45_000)).toBe(46_000);
    expect(breaker.state).toBe('open');
    expect(breaker.admit(45_999)).toBe('open');
  });

  it('opens for 5 s after a first burst, doubling while the model stays down, up to the cooldown', () => {
    const breaker = new CircuitBreaker(settings);
    for (let i = 0; i < 3; i += 1) breaker.onFailure(0, 'overloaded');
    expect(breaker.openUntil).toBe(5_000);
    const reopenings: number[] = [];
    let now = 5_000;
    for (let i = 0; i < 4; i += 1) {
      expect(breaker.admit(now)).toBe('probe');
      now = breaker.onFailure(now, 'overloaded') ?? now;
      reopenings.push(now);
    }
    expect(reopenings).toEqual([15_000, 35_000, 65_000, 95_000]);
    expect(breaker.admit(95_000)).toBe('probe');
    breaker.onSuccess(true);
    for (let i = 0; i < 3; i += 1) breaker.onFailure(100_000, 'overloaded');
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
    expect(breaker.onSuccess(true)).toBe(true);
    expect(breaker.state).toBe('closed');
    expect(breaker.admit(10_000)).toBe('closed');
  });

  it('stays open when a request sent before it opened succeeds late', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 86_400_000, 'quota_exhausted');
    expect(breaker.onSuccess(false)).toBe(false);
    expect(breaker.state).toBe('open');
    expect(breaker.admit(1_000)).toBe('open');
  });

  it('opens again at once when the probe fails', () => {
    const breaker = new CircuitBreaker(settings);
    breaker.trip(0, 10_000, 'overloaded');
    breaker.admit(10_000);
    expect(breaker.onFailure(10_000, 'overloaded')).toBe(15_000);
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
