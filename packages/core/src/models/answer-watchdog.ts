import { AttemptController, attemptControllerOf } from '../async/attempt-controller.js';
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
 *
 * `armAtMostMs` (the shortest limit of the phases to come) caps each timer: a request's first timer then
 * serves its later, shorter phase too (the first-byte limit of 120 s, then an idle limit of 30 s), where
 * a timer armed for the whole first phase would be cancelled and armed again at the first byte. A phase
 * longer than the cap costs a wake-up per cap, which checks the quiet time and sleeps again.
 *
 * When `parent` is an attempt's own signal (`createAttemptSignal`), the watchdog aborts that attempt
 * through its controller; otherwise (a caller's signal, or none) it has a controller of its own that
 * follows the parent. Either way its signal is an attempt's ({@link AttemptController}): the HTTP exchange
 * under it hangs on the controller rather than adding a listener to the signal.
 */
export function createAnswerWatchdog(
  parent: AbortSignal | undefined,
  clock: Clock,
  armAtMostMs = Number.POSITIVE_INFINITY,
): AnswerWatchdog {
  return new QuietTimeWatchdog(parent, clock, armAtMostMs);
}

/** A class rather than closures: built once per request, its methods are shared. */
class QuietTimeWatchdog implements AnswerWatchdog {
  readonly signal: AbortSignal;
  readonly #controller: AttemptController;
  readonly #clock: Clock;
  readonly #stopFollowingParent: (() => void) | undefined;
  readonly #armAtMostMs: number;
  /** The armed timer on the real clock, or what cancels the armed sleep on an injected one. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  #cancelSleep: (() => void) | undefined;
  /** When the armed timer fires (clock time); it checks the quiet time then, so a later phase may reuse it. */
  #timerDueAt = Number.POSITIVE_INFINITY;
  #limitMs = 0;
  #description = '';
  #lastActivity: number;

  constructor(parent: AbortSignal | undefined, clock: Clock, armAtMostMs: number) {
    this.#clock = clock;
    this.#armAtMostMs =
      Number.isFinite(armAtMostMs) && armAtMostMs > 0 ? armAtMostMs : Number.POSITIVE_INFINITY;
    this.#lastActivity = clock.now();
    const own = attemptControllerOf(parent);
    this.#controller = own ?? new AttemptController();
    this.signal = this.#controller.signal;
    if (own || !parent) return;
    const controller = this.#controller;
    if (parent.aborted) controller.abort(parent.reason);
    else this.#stopFollowingParent = onAbort(parent, () => controller.abort(parent.reason));
  }

  phase(ms: number, describe: string): void {
    this.#lastActivity = this.#clock.now();
    this.#limitMs = ms;
    this.#description = describe;
    if (!(Number.isFinite(ms) && ms > 0) || this.signal.aborted) this.#cancelTimer();
    // A timer due no later than the new limit checks the quiet time when it fires and sleeps again for
    // what is left: one timer per answer instead of one per phase.
    else if (this.#timerDueAt > this.#lastActivity + ms) this.#schedule(ms);
  }

  alive(): void {
    this.#lastActivity = this.#clock.now();
  }

  dispose(): void {
    this.#cancelTimer();
    this.#stopFollowingParent?.();
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#cancelSleep = undefined;
    this.#timerDueAt = Number.POSITIVE_INFINITY;
    if (this.signal.aborted) return;
    const quietMs = this.#clock.now() - this.#lastActivity;
    if (quietMs < this.#limitMs) {
      this.#schedule(this.#limitMs - quietMs);
      return;
    }
    this.#controller.abort(new DOMException(this.#description, 'TimeoutError'));
  };

  #schedule(limitMs: number): void {
    this.#cancelTimer();
    const waitMs = Math.min(limitMs, this.#armAtMostMs);
    this.#timerDueAt = this.#clock.now() + waitMs;
    if (this.#clock === watchdogSystemClock) {
      this.#timer = setTimeout(this.#fire, waitMs);
      this.#timer.unref?.();
    } else {
      this.#cancelSleep = sleepThenFire(this.#clock, waitMs, this.#fire);
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#cancelSleep?.();
    this.#timer = undefined;
    this.#cancelSleep = undefined;
    this.#timerDueAt = Number.POSITIVE_INFINITY;
  }
}

/**
 * Calls `fire` after `ms` through an injected clock's abortable `sleep` (tests); returns what cancels it,
 * with a reason of our own (`abort()` with none builds a DOMException, and its stack, per call).
 */
function sleepThenFire(clock: Clock, ms: number, fire: () => void): () => void {
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
