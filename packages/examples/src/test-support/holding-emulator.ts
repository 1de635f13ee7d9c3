import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';

/** An emulator in the test process that answers a few model calls, then holds the rest. */
export interface HoldingEmulator {
  emulator: EmulatorHandle;
  /** Environment that points an example or the `tokenflow` binary at this emulator instead of its own. */
  env: Record<string, string>;
  /** Resolves once a model call is being held (the first `answerFirst` calls were answered). */
  whenHolding(): Promise<void>;
  /** Answers every held call and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Starts an emulator that answers the first `answerFirst` model calls and holds every later one until
 * `release()` (or until its client goes away). A run against it cannot finish before the test lets it,
 * however fast or slow the machine is, so a Ctrl-C sent while it holds always lands mid-run.
 */
export async function startHoldingEmulator(answerFirst: number): Promise<HoldingEmulator> {
  let answered = 0;
  let releasedAll = false;
  const held = new Set<() => void>();
  const holdingWaiters: (() => void)[] = [];
  const emulator = await startEmulator({
    // A latency fault makes the emulator ask `sleep` before each answer; the sleep below never uses a timer.
    faults: { '*': { latency: { firstByteMs: 1 } } },
    sleep: (_milliseconds, signal) =>
      new Promise<void>((resolve) => {
        if (releasedAll || answered < answerFirst || signal.aborted) {
          answered += 1;
          resolve();
          return;
        }
        const finish = (): void => {
          held.delete(finish);
          signal.removeEventListener('abort', finish);
          resolve();
        };
        held.add(finish);
        signal.addEventListener('abort', finish, { once: true });
        for (const waiter of holdingWaiters.splice(0)) waiter();
      }),
  });
  return {
    emulator,
    env: { TOKENOFF_API_KEY: 'examples-test-key', TOKENOFF_BASE_URL: emulator.url },
    whenHolding: () =>
      held.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => holdingWaiters.push(resolve)),
    release() {
      releasedAll = true;
      for (const finish of [...held]) finish();
    },
    close: () => emulator.close(),
  };
}
