import { setMaxListeners } from 'node:events';
import { neverAborted } from './execute-step.js';

/** The signal of a run nobody can cancel: one shared, frozen value, nothing to build per run. */
const notCancellable: { signal: AbortSignal; release: () => void } = Object.freeze({
  signal: neverAborted,
  release: () => undefined,
});

/**
 * The signal a run hands to its steps. Maps, parallel branches, gateway attempts and HTTP requests each
 * listen to it at the same time, so a busy run legitimately has more than Node's default of 10
 * listeners; one listener links the caller's signal to a run-owned one without a limit, so Node's
 * leak warning stays meaningful for the caller's own signal. `release` removes that link.
 */
export function runSignal(callerSignal: AbortSignal | undefined): {
  signal: AbortSignal;
  release: () => void;
} {
  if (callerSignal === undefined) return notCancellable;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const forward = (): void => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) forward();
  else callerSignal.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, release: () => callerSignal.removeEventListener('abort', forward) };
}
