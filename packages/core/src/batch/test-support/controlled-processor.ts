import type { RowContext, RowResult } from '../row-processor.js';

/** A call the test decides the fate of. */
export interface HeldRow<Row> {
  row: Row;
  context: RowContext;
  resolve(result: RowResult): void;
  reject(error: unknown): void;
}

/**
 * A row processor whose calls wait until the test resolves them, so tests can look at the runner with
 * rows in flight, without timers. `whenStarted(n)` resolves once `n` calls have started.
 */
export function controlledProcessor<Row = Record<string, unknown>>() {
  const held: HeldRow<Row>[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const process = (row: Row, context: RowContext): Promise<RowResult> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<RowResult>((resolve, reject) => {
      held.push({
        row,
        context,
        resolve: (result) => {
          inFlight -= 1;
          resolve(result);
        },
        reject: (error) => {
          inFlight -= 1;
          reject(error);
        },
      });
      const ready = waiters.filter((waiter) => held.length >= waiter.count);
      waiters = waiters.filter((waiter) => held.length < waiter.count);
      for (const waiter of ready) waiter.resolve();
    });
  };
  return {
    process,
    held,
    get maxInFlight() {
      return maxInFlight;
    },
    whenStarted(count: number): Promise<void> {
      if (held.length >= count) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** A clock whose sleeps end only when the test calls `fire()`; `now` moves by `advance`. */
export function manualClock(start = 1_700_000_000_000) {
  let time = start;
  const sleeping: { ms: number; resolve: () => void }[] = [];
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
    sleeping,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const entry = { ms, resolve };
        sleeping.push(entry);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
    /** Ends every pending sleep. */
    fire() {
      for (const entry of sleeping.splice(0)) entry.resolve();
    },
  };
}

/** Collects batch events and lets a test wait for one, without timers. */
export function eventRecorder<E extends { type: string }>() {
  const events: E[] = [];
  let waiters: { test: (event: E) => boolean; resolve: (event: E) => void }[] = [];
  return {
    events,
    listener(event: E): void {
      events.push(event);
      const matched = waiters.filter((waiter) => waiter.test(event));
      waiters = waiters.filter((waiter) => !waiter.test(event));
      for (const waiter of matched) waiter.resolve(event);
    },
    /** Resolves with the first event (already seen or still to come) that passes `test`. */
    waitFor(test: (event: E) => boolean): Promise<E> {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise<E>((resolve) => waiters.push({ test, resolve }));
    },
  };
}
