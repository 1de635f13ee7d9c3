import { describe, expect, it } from 'vitest';
import { currentTime } from './current-time.js';

const instant = new Date('2026-03-29T00:30:00Z');
const tool = currentTime({ now: () => instant });

describe('current_time', () => {
  it('gives the local time, offset and weekday in the named zone', async () => {
    expect(JSON.parse(await tool.invoke({ timeZone: 'Asia/Kolkata' }))).toEqual({
      timeZone: 'Asia/Kolkata',
      local: '2026-03-29T06:00:00+05:30',
      date: '2026-03-29',
      time: '06:00:00',
      weekday: 'Sunday',
      offset: '+05:30',
      utc: '2026-03-29T00:30:00.000Z',
      unixSeconds: 1774744200,
    });
  });

  it('follows daylight saving time changes', async () => {
    const before = currentTime({ now: () => new Date('2026-03-29T00:30:00Z') });
    const after = currentTime({ now: () => new Date('2026-03-29T01:30:00Z') });
    expect(JSON.parse(await before.invoke({ timeZone: 'Europe/Paris' })).local).toBe(
      '2026-03-29T01:30:00+01:00',
    );
    expect(JSON.parse(await after.invoke({ timeZone: 'Europe/Paris' })).local).toBe(
      '2026-03-29T03:30:00+02:00',
    );
  });

  it('uses UTC, or the configured zone, when none is given', async () => {
    expect(JSON.parse(await tool.invoke({})).local).toBe('2026-03-29T00:30:00+00:00');
    const newYork = currentTime({ now: () => instant, defaultTimeZone: 'America/New_York' });
    expect(JSON.parse(await newYork.invoke({})).local).toBe('2026-03-28T20:30:00-04:00');
  });

  it('answers an unknown zone with a readable error', async () => {
    expect(await tool.invoke({ timeZone: 'Mars/Olympus' })).toBe(
      'Error: unknown time zone "Mars/Olympus"; use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".',
    );
  });
});
