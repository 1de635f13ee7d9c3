import { onAbort } from './on-abort.js';

/**
 * Settles with `work`, or rejects with the signal's reason as soon as `signal` aborts, whichever is
 * first; a late rejection of `work` is swallowed. Used so a hard abort does not wait for processors
 * that ignore their signal.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stopWaiting = onAbort(signal, () => {
      work.catch(() => undefined);
      reject(signal.reason);
    });
    work.then(
      (value) => {
        stopWaiting();
        resolve(value);
      },
      (error: unknown) => {
        stopWaiting();
        reject(error);
      },
    );
  });
}
