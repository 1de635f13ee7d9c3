import type { Clock } from '../async/clock.js';

/**
 * The real clock for watchdogs, with unref'd timers: a watchdog left armed (an abandoned stream) never
 * keeps the process alive, as `createAttemptSignal`'s timer does not.
 */
export const watchdogSystemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      timer.unref?.();
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Aborts an attempt that goes quiet: no headers in time, or too long a gap between body bytes. */
export interface AnswerWatchdog {
  /** Fires when the parent signal fires or when the watchdog's current limit runs out. */
  readonly signal: AbortSignal;
  /**
   * Starts a new phase: the attempt must show life within `ms` (0 or Infinity: no limit).
   * `describe` says, for the error message, what did not arrive and which option sets the limit.
   */
  phase(ms: number, describe: string): void;
  /** Something arrived (a body chunk): the quiet period starts again. */
  alive(): void;
  /** Stops the timer and detaches from the parent; call when the attempt is over. */
  dispose(): void;
}

/**
 * A watchdog on an injectable {@link Clock}, so tests drive it with a manual clock. One timer per quiet
 * period, not one per chunk: when the timer fires after activity, it sleeps again for what is left.
 */
export function createAnswerWatchdog(parent: AbortSignal | undefined, clock: Clock): AnswerWatchdog {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  let timer: AbortController | undefined;
  let limitMs = 0;
  let description = '';
  let lastActivity = clock.now();

  const schedule = (waitMs: number): void => {
    timer?.abort();
    const current = new AbortController();
    timer = current;
    clock.sleep(waitMs, current.signal).then(
      () => {
        if (current.signal.aborted || controller.signal.aborted) return;
        const quietMs = clock.now() - lastActivity;
        if (quietMs < limitMs) {
          schedule(limitMs - quietMs);
          return;
        }
        controller.abort(new DOMException(description, 'TimeoutError'));
      },
      () => undefined,
    );
  };

  return {
    signal: controller.signal,
    phase(ms, describe) {
      lastActivity = clock.now();
      limitMs = ms;
      description = describe;
      if (Number.isFinite(ms) && ms > 0 && !controller.signal.aborted) schedule(ms);
      else timer?.abort();
    },
    alive() {
      lastActivity = clock.now();
    },
    dispose() {
      timer?.abort();
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
