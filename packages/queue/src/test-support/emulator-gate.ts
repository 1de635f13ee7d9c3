/**
 * An emulator `sleep` that holds every request at its first byte while the gate is closed, and counts
 * them: tests wait for "n requests held" (an explicit event) and then act, instead of sleeping.
 */
export function emulatorGate() {
  let open = false;
  let held = 0;
  const waiting: (() => void)[] = [];
  const watchers: { count: number; resolve: () => void }[] = [];
  const sleep = (_ms: number, signal: AbortSignal): Promise<void> => {
    if (open) return Promise.resolve();
    held += 1;
    for (const watcher of [...watchers]) {
      if (held >= watcher.count) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  };
  return {
    sleep,
    /** Resolves once `count` requests have been held since the gate was made. */
    held: (count: number) =>
      held >= count ? Promise.resolve() : new Promise<void>((resolve) => watchers.push({ count, resolve })),
    release: () => {
      open = true;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
