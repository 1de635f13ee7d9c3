import type { GatewayClock } from '../gateway-clock.js';

/** A clock for tests: `sleep` records the wait and moves time forward at once, never really waiting. */
export interface FakeClock extends GatewayClock {
  /** Every `sleep` duration asked for, in order. */
  readonly sleeps: number[];
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
}

/**
 * Concurrent sleepers share the timeline: a sleep started at `t` for `ms` ends at `t + ms`, and time only
 * moves forward, so two calls sleeping 1 s from the same moment end together at `t + 1 s`.
 */
export function createFakeClock(start = 1_700_000_000_000): FakeClock {
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
      // Let other work scheduled for "now" run first, as a real timer would.
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      time = Math.max(time, end);
    },
  };
}

/** A `random` that returns the given values in turn (then repeats the last). */
export function sequenceRandom(...values: number[]): () => number {
  let index = 0;
  return () => {
    const value = values[Math.min(index, values.length - 1)] ?? 0;
    index += 1;
    return value;
  };
}
