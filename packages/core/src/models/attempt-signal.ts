/** A per-attempt signal: fires when the caller's signal fires or when `timeoutMs` passes. */
export interface AttemptSignal {
  signal: AbortSignal | undefined;
  /** Clears the timer; call when the attempt is over (its body fully read). */
  dispose: () => void;
}

/**
 * Combines the caller's signal with an attempt timeout whose timer is cleared on `dispose` (unlike
 * `AbortSignal.timeout`, which keeps a timer per call alive until it fires). The timeout aborts with a
 * `TimeoutError` reason, so classification tells it apart from a caller abort.
 */
export function createAttemptSignal(
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
): AttemptSignal {
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    return { signal: parent, dispose: () => undefined };
  }
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`The attempt timed out after ${timeoutMs}ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref?.();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
