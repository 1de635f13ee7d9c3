import { describe, expect, it } from 'vitest';
import { type RateReservation, RateWindow, rateWindowMs } from './rate-window.js';
import { createFakeClock } from './test-support/fake-clock.js';

describe('RateWindow', () => {
  it('admits up to rpm requests a minute, then waits until the oldest leaves the window', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 3, tpm: Number.POSITIVE_INFINITY }, clock);
    for (let i = 0; i < 3; i += 1) {
      await window.acquire(1);
      clock.advance(1_000);
    }
    expect(clock.sleeps).toEqual([]);
    await window.acquire(1);
    // The first request was at t=0, so the fourth may go at t=61 000 (one minute plus the margin).
    expect(clock.sleeps).toEqual([58_000]);
    expect(clock.now()).toBe(61_000);
    expect(window.usage().requests).toBe(3);
  });

  it('keeps input tokens per minute under tpm, waiting for enough earlier tokens to expire', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: Number.POSITIVE_INFINITY, tpm: 1_000 }, clock);
    await window.acquire(600);
    clock.advance(10_000);
    await window.acquire(300);
    clock.advance(10_000);
    await window.acquire(500);
    // 600 + 300 + 500 > 1000: the 600 at t=0 must expire first (t=61 000).
    expect(clock.now()).toBe(61_000);
    expect(window.usage().tokens).toBe(800);
  });

  it('counts requests while its limits are off, so a limit learned later holds for the last minute', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY }, clock);
    for (let i = 0; i < 4; i += 1) await window.acquire(10);
    clock.advance(5_000);
    window.lowerLimits({ rpm: 4, tpm: 1_000_000 });
    expect(window.rpm).toBe(4);
    await window.acquire(10);
    // The four sent at t=0 fill a quota of four: the fifth waits until they leave, at t=61 000.
    expect(clock.now()).toBe(61_000);
  });

  it('counts a request from its answer, when the server may have seen it, but no later than 5 s after sending', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 2, tpm: Number.POSITIVE_INFINITY }, clock);
    const slow = await window.acquire(1);
    const slower = await window.acquire(1);
    clock.advance(3_000);
    slow.answered();
    clock.advance(17_000);
    slower.answered();
    await window.acquire(1);
    // The first counts from its answer at 3 s; the second from 5 s (the cap), not from its answer at 20 s.
    expect(clock.now()).toBe(64_000);
    await window.acquire(1);
    expect(clock.now()).toBe(66_000);
  });

  it('never raises a limit it was given', () => {
    const window = new RateWindow({ rpm: 60, tpm: 1_000 }, createFakeClock(0));
    window.lowerLimits({ rpm: 120, tpm: 500 });
    expect([window.rpm, window.tpm]).toEqual([60, 500]);
  });

  it('lets a request larger than the whole budget through alone on an empty window', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 100, tpm: 1_000 }, clock);
    await window.acquire(200);
    await window.acquire(5_000);
    expect(clock.now()).toBe(61_000);
    expect(window.usage().tokens).toBe(5_000);
  });

  it('replaces the estimate with the real count when corrected', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 100, tpm: 1_000 }, clock);
    const reservation = await window.acquire(900);
    reservation.correct(100);
    expect(window.usage().tokens).toBe(100);
    await window.acquire(800);
    expect(clock.sleeps).toEqual([]);
  });

  it('ignores a correction once the entry left the window', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 100, tpm: 1_000 }, clock);
    const reservation = await window.acquire(900);
    clock.advance(61_000);
    expect(window.usage().tokens).toBe(0);
    reservation.correct(500);
    expect(window.usage().tokens).toBe(0);
  });

  it('serves waiters first come, first served', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 1, tpm: Number.POSITIVE_INFINITY }, clock);
    const order: string[] = [];
    await Promise.all(['a', 'b', 'c'].map((name) => window.acquire(1).then(() => order.push(name))));
    expect(order).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(122_000);
  });

  it('counts a request at once with tryAcquire when it fits, and not while another call waits its turn', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 2, tpm: Number.POSITIVE_INFINITY }, clock);
    expect(window.tryAcquire(1)).toBeDefined();
    expect(window.usage().requests).toBe(1);
    const waiting = window.acquire(1);
    // The waiting call came first: tryAcquire does not overtake it, and counts nothing.
    expect(window.tryAcquire(1)).toBeUndefined();
    await waiting;
    expect(window.usage().requests).toBe(2);
    // Full: the third request of the minute must wait, so tryAcquire declines.
    expect(window.tryAcquire(1)).toBeUndefined();
    expect(window.usage().requests).toBe(2);
  });

  it('admits nothing before a hold ends', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 100, tpm: 1_000 }, clock);
    window.holdUntil(17_000);
    window.holdUntil(5_000);
    await window.acquire(1);
    expect(clock.now()).toBe(17_000);
  });

  it('admits one request per pacing interval, keeping to its schedule when a turn comes late', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY }, clock);
    window.pace(40);
    const admitted = (count: number) =>
      Promise.all(Array.from({ length: count }, () => window.acquire(1).then(() => clock.now())));
    // An idle window may catch up two intervals: three go at once, then one every 40 ms.
    expect(await admitted(5)).toEqual([0, 0, 0, 40, 80]);
    // The next turn was due at 120; asked for at 180 (a timer that fired late), the schedule catches up
    // instead of counting 40 ms from each late admission (which would give 180, 220, 260).
    clock.advance(100);
    expect(await admitted(3)).toEqual([180, 180, 200]);
    window.pace(0);
    expect(await admitted(2)).toEqual([200, 200]);
  });

  it('stops waiting when the signal aborts', async () => {
    const clock = createFakeClock(0);
    const window = new RateWindow({ rpm: 1, tpm: Number.POSITIVE_INFINITY }, clock);
    await window.acquire(1);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(window.acquire(1, controller.signal)).rejects.toThrow('stop');
    expect(window.usage().requests).toBe(1);
  });

  it('takes a refused request back out of the window', async () => {
    const clock = createFakeClock();
    const window = new RateWindow({ rpm: 2, tpm: 1_000 }, clock);
    const first = await window.acquire(100);
    await window.acquire(100);
    expect(window.usage()).toEqual({ requests: 2, tokens: 200 });
    first.cancel();
    first.cancel();
    expect(window.usage()).toEqual({ requests: 1, tokens: 100 });
    expect(window.waitFor(100, clock.now())).toBe(0);
  });

  it('keeps counting right over many minutes of traffic, as entries leave and the window compacts', () => {
    const clock = createFakeClock(0);
    const unlimited = Number.POSITIVE_INFINITY;
    const window = new RateWindow({ rpm: unlimited, tpm: unlimited }, clock);
    const inFlight: { reservation: RateReservation; sent: number }[] = [];
    /** When each request counts from: its sending, then its answer. */
    const from: number[] = [];
    const expected = () => {
      const counted = from.filter((time) => time + rateWindowMs > clock.now()).length;
      return { requests: counted, tokens: counted * 3 };
    };
    // 20,000 requests, one every 10 ms (200 s of traffic, three windows' worth), 300 in flight.
    for (let sent = 0; sent < 20_000; sent += 1) {
      clock.advance(10);
      const reservation = window.tryAcquire(3);
      if (!reservation) throw new Error('an unlimited window refused a request');
      inFlight.push({ reservation, sent });
      from.push(clock.now());
      if (inFlight.length > 300) {
        const answered = inFlight.shift();
        answered?.reservation.answered();
        if (answered) from[answered.sent] = clock.now();
      }
      if (sent % 997 === 0) expect(window.usage()).toEqual(expected());
    }
    // 6,400 in the window (each answer comes 3 s after its request); a quota of 6,000 waits for the 401st
    // oldest to leave.
    expect(window.usage().requests).toBe(6_400);
    window.lowerLimits({ rpm: 6_000 });
    const times = from.filter((time) => time + rateWindowMs > clock.now()).sort((a, b) => a - b);
    expect(window.waitFor(1, clock.now())).toBe((times[400] ?? 0) + rateWindowMs - clock.now());
  });
});
