import { describe, expect, it } from 'vitest';
import { defaultAdaptive } from './gateway-options.js';
import { type LaneLimits, type LaneSlot, ModelLane } from './model-lane.js';
import { createFakeClock, type FakeClock } from './test-support/fake-clock.js';

const unknownQuota: LaneLimits = { concurrency: 4, rpm: 'unknown', tpm: Number.POSITIVE_INFINITY };

/** Four requests at once, answered together 200 ms later: the lane now knows a 200 ms round trip. */
async function oneRoundOfFour(lane: ModelLane, clock: FakeClock): Promise<void> {
  const slots: LaneSlot[] = [];
  for (let i = 0; i < 4; i += 1) slots.push(await lane.acquire(1));
  clock.advance(200);
  for (const slot of slots) slot.release({ result: 'success' });
}

/** Takes `count` slots at once (4 by default) and returns when each was admitted. */
async function admittedTimes(lane: ModelLane, clock: FakeClock, count = 4): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      await lane.acquire(1);
      return clock.now();
    }),
  );
}

describe('ModelLane pacing', () => {
  it('sends its first requests at once, with no round trip yet to spread them over', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', unknownQuota, defaultAdaptive, clock);
    expect(await admittedTimes(lane, clock)).toEqual([0, 0, 0, 0]);
    expect(clock.sleeps).toEqual([]);
  });

  it('spreads the requests of a lane whose RPM is unknown over the round trip (200 ms / 8 slots)', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', { ...unknownQuota, concurrency: 8 }, defaultAdaptive, clock);
    await oneRoundOfFour(lane, clock);
    expect(lane.window.paceMs).toBe(25);
    // Three at once (the pace may catch up two intervals after a lull), then one every 25 ms.
    expect(await admittedTimes(lane, clock, 6)).toEqual([200, 200, 200, 225, 250, 275]);
  });

  it('does not pace a lane whose RPM is configured: its window paces it', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', { ...unknownQuota, rpm: 1_000 }, defaultAdaptive, clock);
    await oneRoundOfFour(lane, clock);
    expect(await admittedTimes(lane, clock)).toEqual([200, 200, 200, 200]);
  });

  it('does not pace a lane told there is no per-minute quota (rpm Infinity): nothing to pace to', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane(
      'm',
      { ...unknownQuota, rpm: Number.POSITIVE_INFINITY },
      defaultAdaptive,
      clock,
    );
    await oneRoundOfFour(lane, clock);
    expect(lane.window.paceMs).toBe(0);
    expect(await admittedTimes(lane, clock)).toEqual([200, 200, 200, 200]);
    expect(lane.stats().rpm).toBe(Number.POSITIVE_INFINITY);
  });

  it('stops pacing once a 429 names the quota', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', unknownQuota, defaultAdaptive, clock);
    await oneRoundOfFour(lane, clock);
    lane.learnQuota({ rpm: 100 });
    expect(lane.window.paceMs).toBe(0);
    expect(await admittedTimes(lane, clock)).toEqual([200, 200, 200, 200]);
  });

  it('does not pace a lane of one slot, which cannot burst', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', { ...unknownQuota, concurrency: 1 }, defaultAdaptive, clock);
    const sentAt: number[] = [];
    // Calls one after another, the later ones faster than the average round trip.
    for (const duration of [200, 200, 20, 20, 20]) {
      const slot = await lane.acquire(1);
      sentAt.push(clock.now());
      clock.advance(duration);
      slot.release({ result: 'success' });
    }
    expect(lane.window.paceMs).toBe(0);
    expect(sentAt).toEqual([0, 200, 400, 420, 440]);
  });

  it('refills slots at once when pacing is off', async () => {
    const clock = createFakeClock(0);
    const lane = new ModelLane('m', unknownQuota, { ...defaultAdaptive, pacing: false }, clock);
    await oneRoundOfFour(lane, clock);
    expect(await admittedTimes(lane, clock)).toEqual([200, 200, 200, 200]);
  });
});
