import type { Clock } from '../async/clock.js';
import { onAbort } from '../async/on-abort.js';

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
  let stopFollowingParent: (() => void) | undefined;
  if (parent?.aborted) controller.abort(parent.reason);
  else if (parent) stopFollowingParent = onAbort(parent, () => controller.abort(parent.reason));

  let cancelArmed: (() => void) | undefined;
  /** When the armed timer fires (clock time); it checks the quiet time then, so a later phase may reuse it. */
  let timerDueAt = Number.POSITIVE_INFINITY;
  let limitMs = 0;
  let description = '';
  let lastActivity = clock.now();

  const cancelTimer = (): void => {
    cancelArmed?.();
    cancelArmed = undefined;
    timerDueAt = Number.POSITIVE_INFINITY;
  };
  const fire = (): void => {
    cancelArmed = undefined;
    timerDueAt = Number.POSITIVE_INFINITY;
    if (controller.signal.aborted) return;
    const quietMs = clock.now() - lastActivity;
    if (quietMs < limitMs) {
      schedule(limitMs - quietMs);
      return;
    }
    controller.abort(new DOMException(description, 'TimeoutError'));
  };
  const schedule = (waitMs: number): void => {
    cancelTimer();
    timerDueAt = clock.now() + waitMs;
    cancelArmed = arm(clock, waitMs, fire);
  };

  return {
    signal: controller.signal,
    phase(ms, describe) {
      lastActivity = clock.now();
      limitMs = ms;
      description = describe;
      if (!(Number.isFinite(ms) && ms > 0) || controller.signal.aborted) cancelTimer();
      // A timer due no later than the new limit checks the quiet time when it fires and sleeps again for
      // what is left: one timer per answer instead of one per phase.
      else if (timerDueAt > lastActivity + ms) schedule(ms);
    },
    alive() {
      lastActivity = clock.now();
    },
    dispose() {
      cancelTimer();
      stopFollowingParent?.();
    },
  };
}

/**
 * Calls `fire` after `ms` on `clock`; returns what cancels it. The real clock gets a plain unref'd timer;
 * an injected clock (tests) goes through its abortable `sleep`, cancelled with a reason of our own
 * (`abort()` with none builds a DOMException, and its stack, per call).
 */
function arm(clock: Clock, ms: number, fire: () => void): () => void {
  if (clock === watchdogSystemClock) {
    const timer = setTimeout(fire, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  }
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal).then(
    () => {
      if (!cancel.signal.aborted) fire();
    },
    () => undefined,
  );
  return () => cancel.abort(timerCancelled);
}

/** The reason a watchdog's sleep on an injected clock is cancelled with; nobody reads it. */
const timerCancelled = 'watchdog timer cancelled';
