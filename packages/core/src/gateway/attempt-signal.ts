/**
 * The signal an attempt runs under: it aborts when the caller's signal aborts (with the caller's reason)
 * or when `timeoutMs` passes (with a `TimeoutError`, which classifies as a retryable `timeout`). The timer
 * is unref'd and cleared by `dispose`, so finished attempts leave nothing behind.
 */
export function createAttemptSignal(
  caller: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new DOMException(`The attempt timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  timer.unref?.();
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
