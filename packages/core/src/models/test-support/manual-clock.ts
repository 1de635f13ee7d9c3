import type { Clock } from '../../async/clock.js';

/** A clock that stands still until the test moves it; sleepers wake only when `advance` passes their end. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` and wakes every sleeper whose end has come. */
  advance(ms: number): void;
  /** How many sleeps are pending (a timer is armed). */
  readonly pending: number;
}

export function createManualClock(start = 0): ManualClock {
  let time = start;
  const sleepers = new Set<{ end: number; wake: () => void }>();
  return {
    now: () => time,
    get pending() {
      return sleepers.size;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const sleeper = { end: time + ms, wake: () => resolve() };
        sleepers.add(sleeper);
        signal?.addEventListener(
          'abort',
          () => {
            sleepers.delete(sleeper);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    advance(ms) {
      time += ms;
      for (const sleeper of [...sleepers]) {
        if (sleeper.end <= time) {
          sleepers.delete(sleeper);
          sleeper.wake();
        }
      }
    },
  };
}
