import { describe, expect, it } from 'vitest';
import { createAttemptSignal } from '../async/attempt-signal.js';
import { createFakeClock } from '../gateway/test-support/fake-clock.js';
import { createAnswerWatchdog } from './answer-watchdog.js';

function abortedWith(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason);
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );
}

const quiet = 'no response headers within 100 ms (firstByteTimeoutMs)';

describe('createAnswerWatchdog', () => {
  it("aborts the attempt's own signal when the answer goes quiet, with no second controller", async () => {
    const attempt = createAttemptSignal(undefined, undefined);
    const watchdog = createAnswerWatchdog(attempt.signal, createFakeClock(0));
    expect(watchdog.signal).toBe(attempt.signal);
    watchdog.phase(100, quiet);
    expect(await abortedWith(attempt.signal)).toMatchObject({ name: 'TimeoutError', message: quiet });
  });

  it("never aborts a caller's signal: its own signal fires instead, and follows the caller's", async () => {
    const caller = new AbortController();
    const watchdog = createAnswerWatchdog(caller.signal, createFakeClock(0));
    expect(watchdog.signal).not.toBe(caller.signal);
    watchdog.phase(100, quiet);
    expect(await abortedWith(watchdog.signal)).toMatchObject({ name: 'TimeoutError', message: quiet });
    expect(caller.signal.aborted).toBe(false);

    const following = createAnswerWatchdog(caller.signal, createFakeClock(0));
    caller.abort(new Error('row stopped'));
    expect(await abortedWith(following.signal)).toMatchObject({ message: 'row stopped' });
  });

  it('stays quiet once disposed', async () => {
    const attempt = createAttemptSignal(undefined, undefined);
    const clock = createFakeClock(0);
    const watchdog = createAnswerWatchdog(attempt.signal, clock);
    watchdog.phase(100, quiet);
    watchdog.dispose();
    await clock.sleep(1_000);
    expect(attempt.signal.aborted).toBe(false);
  });
});

/** A fake clock that also lists every sleep asked of it, in order. */
function recordingClock() {
  const clock = createFakeClock(0);
  const sleeps: number[] = [];
  const sleep = clock.sleep;
  clock.sleep = (ms, signal) => {
    sleeps.push(ms);
    return sleep(ms, signal);
  };
  return { clock, sleeps };
}

describe('createAnswerWatchdog with a cap on its timers', () => {
  it('arms one timer for a long phase then a shorter one, and still fires at the long limit', async () => {
    const attempt = createAttemptSignal(undefined, undefined);
    const { clock, sleeps } = recordingClock();
    const watchdog = createAnswerWatchdog(attempt.signal, clock, 30);
    watchdog.phase(120, quiet);
    // Checked every 30 ms while the first phase lasts; aborts once 120 ms passed with nothing.
    expect(await abortedWith(attempt.signal)).toMatchObject({ message: quiet });
    expect(clock.now()).toBe(120);
    expect(sleeps).toEqual([30, 30, 30, 30]);
  });

  it('keeps the armed timer when the next phase is no longer than the cap', () => {
    const attempt = createAttemptSignal(undefined, undefined);
    const { clock, sleeps } = recordingClock();
    const watchdog = createAnswerWatchdog(attempt.signal, clock, 30);
    watchdog.phase(120, quiet);
    clock.advance(1);
    watchdog.phase(30, 'the answer went quiet for 30 ms (idleTimeoutMs)');
    expect(sleeps).toEqual([30]);
    watchdog.dispose();
  });
});
