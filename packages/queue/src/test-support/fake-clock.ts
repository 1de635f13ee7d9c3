import type { Clock } from '@tokenflow/core/gateway';

/** A clock for tests whose `sleep` moves time forward at once (as core's gateway tests use). */
export interface FakeClock extends Clock {
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** Concurrent sleepers share the timeline: time only moves forward, to the end of each sleep. */
export function createFakeClock(start = Date.UTC(2026, 0, 15, 12, 0, 0)): FakeClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      const end = time + Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      time = Math.max(time, end);
    },
  };
}
