import { onAbort } from './on-abort.js';

/** A per-attempt signal and the means to release it. */
export interface AttemptSignal {
  /** Aborts when the caller's signal aborts (with its reason) or when the attempt times out. */
  signal: AbortSignal;
  /** Clears the timer and the listener on the caller's signal; call when the attempt is over. */
  dispose: () => void;
}

/** The controllers behind the attempt signals made here, by signal (see {@link attemptControllerOf}). */
const attemptControllers = new WeakMap<AbortSignal, AbortController>();

/**
 * The controller behind `signal` when {@link createAttemptSignal} made it: one attempt's own signal, which
 * that attempt's answer watchdog may abort directly instead of building a second controller that follows
 * it (an AbortController, its signal and a listener per call, on every call's path). Undefined for any
 * other signal: a caller's signal is never aborted by tokenflow.
 */
export function attemptControllerOf(signal: AbortSignal | undefined): AbortController | undefined {
  return signal === undefined ? undefined : attemptControllers.get(signal);
}

/** Node runs a timer longer than this after 1 ms, so a longer timeout must not arm one. */
const longestTimerMs = 2 ** 31 - 1;

/**
 * Whether {@link createAttemptSignal} arms a timer for `timeoutMs`: a positive, finite timeout no longer
 * than a timer can run. Without one, an attempt under a caller's signal may simply use that signal.
 */
export function hasAttemptTimer(timeoutMs: number | undefined): timeoutMs is number {
  return (
    timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= longestTimerMs
  );
}

/**
 * The signal one model attempt runs under (used by ChatTokenOff and by the gateway): it aborts when the
 * caller's signal aborts (with the caller's reason) or when `timeoutMs` passes (with a `TimeoutError`
 * DOMException, which classifies as a retryable `timeout`, apart from a caller abort).
 *
 * The timer is unref'd and cleared by `dispose` (unlike `AbortSignal.timeout`, whose timer lives until it
 * fires), so finished attempts leave nothing behind. A missing, non-positive, non-finite or longer-than-
 * a-timer timeout means no timeout: Node would otherwise fire such a timer after 1 ms.
 */
export function createAttemptSignal(
  caller: AbortSignal | undefined,
  timeoutMs: number | undefined,
): AttemptSignal {
  const timed = hasAttemptTimer(timeoutMs);
  // No timer to add: the caller's signal is already the attempt's (the gateway's concrete models run
  // under the gateway's attempt signal), and a second controller and listener per call would only cost.
  if (!timed && caller) return { signal: caller, dispose: noop };
  const controller = new AbortController();
  attemptControllers.set(controller.signal, controller);
  const forward = () => controller.abort(caller?.reason);
  let stopForwarding: (() => void) | undefined;
  if (caller?.aborted) forward();
  else if (caller) stopForwarding = onAbort(caller, forward);
  const timer = timed
    ? setTimeout(() => {
        controller.abort(new DOMException(`The attempt timed out after ${timeoutMs} ms`, 'TimeoutError'));
      }, timeoutMs)
    : undefined;
  timer?.unref?.();
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      stopForwarding?.();
    },
  };
}

const noop = (): void => undefined;
