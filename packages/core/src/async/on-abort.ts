/** The callers waiting on each signal, behind the one 'abort' listener {@link onAbort} adds to it. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `listener` once when `signal` aborts; returns what stops that. `signal` must not have aborted
 * yet (check `signal.aborted` first), and each listener is a fresh function (a set holds them).
 *
 * Why not `addEventListener`: Node's EventTarget compares every listener already on a signal when one is
 * added, so n calls waiting on one signal (a batch's stop signal, 1,024 rows queued on a gateway lane) cost
 * O(n²): ~47 µs per call at 1,024 waiting, in a profile of the gateway (BENCHMARKS.md section 1). Here a
 * signal gets one listener however many wait on it; adding and removing one is O(1).
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = waiting.get(signal);
  if (listeners === undefined) {
    const created = new Set<() => void>();
    listeners = created;
    waiting.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const waiter of created) waiter();
        created.clear();
      },
      { once: true },
    );
  }
  const own = listeners;
  own.add(listener);
  return () => {
    own.delete(listener);
  };
}
