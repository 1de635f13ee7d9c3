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

describe('ModelLane waiting calls and their signals', () => {
  const oneSlot: LaneLimits = {
    concurrency: 1,
    rpm: Number.POSITIVE_INFINITY,
    tpm: Number.POSITIVE_INFINITY,
  };

  it('rejects a call aborted while it waits with the reason, and the slot goes to the next call', async () => {
    const lane = new ModelLane('m', oneSlot, defaultAdaptive, createFakeClock(0));
    const first = await lane.acquire(1);
    const controller = new AbortController();
    const abandoned = lane.acquire(1, controller.signal);
    const next = lane.acquire(1);
    expect(lane.stats()).toMatchObject({ running: 1, queued: 2 });
    controller.abort(new Error('row stopped'));
    await expect(abandoned).rejects.toThrow('row stopped');
    expect(lane.stats()).toMatchObject({ running: 1, queued: 1 });
    first.release({ result: 'success' });
    const slot = await next;
    expect(lane.stats()).toMatchObject({ running: 1, queued: 0 });
    slot.release({ result: 'success' });
    expect(lane.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('rejects at once for a signal that has already aborted, taking no slot', async () => {
    const lane = new ModelLane('m', oneSlot, defaultAdaptive, createFakeClock(0));
    await expect(lane.acquire(1, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    const slot = await lane.acquire(1);
    slot.release({ result: 'success' });
  });

  it('gives a turn back when the abort comes after the turn but before the call took it', async () => {
    const lane = new ModelLane('m', oneSlot, defaultAdaptive, createFakeClock(0));
    const first = await lane.acquire(1);
    const controller = new AbortController();
    const late = lane.acquire(1, controller.signal);
    first.release({ result: 'success' });
    // The queue starts the waiting task in a microtask; abort right then, before `acquire` resumes.
    await Promise.resolve();
    controller.abort(new Error('late'));
    const outcome = await late.then(
      (slot) => {
        slot.release({ result: 'success' });
        return 'taken';
      },
      () => 'aborted',
    );
    expect(['taken', 'aborted']).toContain(outcome);
    const again = await lane.acquire(1);
    expect(lane.stats()).toMatchObject({ running: 1, queued: 0 });
    again.release({ result: 'success' });
  });

  it('hands a free slot over synchronously with tryAcquire, but never ahead of a call already waiting', async () => {
    const lane = new ModelLane('m', oneSlot, defaultAdaptive, createFakeClock(0));
    const first = lane.tryAcquire(1);
    expect(first).toBeDefined();
    expect(lane.tryAcquire(1)).toBeUndefined();
    const waiting = lane.acquire(1);
    first?.release({ result: 'success' });
    // The slot is the waiting call's now, though it has not resumed yet.
    expect(lane.tryAcquire(1)).toBeUndefined();
    expect(lane.stats()).toMatchObject({ running: 1, queued: 0 });
    (await waiting).release({ result: 'success' });
    expect(lane.stats()).toMatchObject({ running: 0, queued: 0 });
    lane.tryAcquire(1)?.release({ result: 'success' });
    expect(lane.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('adds one abort listener to a signal however many calls wait on it', async () => {
    const lane = new ModelLane('m', oneSlot, defaultAdaptive, createFakeClock(0));
    const controller = new AbortController();
    const { signal } = controller;
    let added = 0;
    const add = signal.addEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added += 1;
      add(...args);
    }) as typeof signal.addEventListener;
    const first = await lane.acquire(1, signal);
    const waiting = Array.from({ length: 100 }, () => lane.acquire(1, signal));
    controller.abort(new Error('stop'));
    for (const call of waiting) await expect(call).rejects.toThrow('stop');
    first.release({ result: 'success' });
    expect(added).toBe(1);
  });
});
