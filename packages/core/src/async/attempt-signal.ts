import { AttemptController } from './attempt-controller.js';
import { onAbort } from './on-abort.js';

/** A per-attempt signal and the means to release it. */
export interface AttemptSignal {
  /** Aborts when the caller's signal aborts (with its reason) or when the attempt times out. */
  signal: AbortSignal;
  /** Clears the timer and the listener on the caller's signal; call when the attempt is over. */
  dispose: () => void;
}

/** Node runs a timer longer than this after 1 ms, so a longer timeout must not arm one. */
const longestTimerMs = 2 ** 31 - 1;

/**
 * Whether {@link createAttemptSignal} arms a timer for `timeoutMs`: a positive, finite timeout no longer
 * than a timer can run. Without one, an attempt under a caller's signal may simply use that signal.
 */
export function hasAttemptTimer(timeoutMs: number | undefined): boolean {
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
  const controller = new AttemptController();
  let stopForwarding: (() => void) | undefined;
  if (caller?.aborted) controller.abort(caller.reason);
  else if (caller) stopForwarding = onAbort(caller, () => controller.abort(caller.reason));
  // Untimed here means there is no caller either: nothing to stop.
  if (!timed || timeoutMs === undefined) return { signal: controller.signal, dispose: noop };
  // The timer's arguments instead of a closure: the callback is shared by every attempt.
  const timer = setTimeout(abortTimedOut, timeoutMs, controller, timeoutMs);
  timer.unref?.();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      stopForwarding?.();
    },
  };
}

function abortTimedOut(controller: AbortController, timeoutMs: number): void {
  controller.abort(new DOMException(`The attempt timed out after ${timeoutMs} ms`, 'TimeoutError'));
}

const noop = (): void => undefined;
