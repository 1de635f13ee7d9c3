import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { attemptControllerOf } from './attempt-controller.js';
import { createAttemptSignal } from './attempt-signal.js';

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );
}

describe('createAttemptSignal', () => {
  it('aborts with the caller reason when the caller aborts', () => {
    const caller = new AbortController();
    const { signal } = createAttemptSignal(caller.signal, 60_000);
    caller.abort(new Error('stop'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('stop');
  });

  it('starts aborted when the caller already aborted', () => {
    const caller = new AbortController();
    caller.abort('gone');
    expect(createAttemptSignal(caller.signal, undefined).signal.reason).toBe('gone');
  });

  it('aborts with a TimeoutError when the timeout passes', async () => {
    const { signal } = createAttemptSignal(undefined, 1);
    const reason = (await aborted(signal)) as DOMException;
    expect(reason.name).toBe('TimeoutError');
  });

  it('never times out with no timeout, Infinity, or one longer than a Node timer can hold', async () => {
    // Node fires a timer of Infinity or above 2^31-1 ms after 1 ms; the gateway's copy armed one anyway.
    const unbounded = [undefined, 0, Number.POSITIVE_INFINITY, 2 ** 31, 1e12].map(
      (timeoutMs) => createAttemptSignal(undefined, timeoutMs).signal,
    );
    // Timers fire in order of expiry: once a later, longer one fires, a 1 ms one would have fired first.
    await aborted(createAttemptSignal(undefined, 20).signal);
    expect(unbounded.map((signal) => signal.aborted)).toEqual([false, false, false, false, false]);
  });

  it('stops listening to the caller after dispose', () => {
    const caller = new AbortController();
    const { signal, dispose } = createAttemptSignal(caller.signal, 60_000);
    dispose();
    caller.abort();
    expect(signal.aborted).toBe(false);
  });

  it("hands its own controller to attemptControllerOf, and nobody else's", () => {
    const caller = new AbortController();
    const { signal, dispose } = createAttemptSignal(caller.signal, 60_000);
    attemptControllerOf(signal)?.abort('watchdog');
    expect(signal.reason).toBe('watchdog');
    expect(caller.signal.aborted).toBe(false);
    expect(attemptControllerOf(caller.signal)).toBeUndefined();
    expect(attemptControllerOf(createAttemptSignal(caller.signal, 0).signal)).toBeUndefined();
    expect(attemptControllerOf(undefined)).toBeUndefined();
    dispose();
  });

  it('keeps its controller out of what inspecting the signal shows', () => {
    const { signal, dispose } = createAttemptSignal(undefined, 60_000);
    expect(inspect(signal)).toBe(inspect(new AbortController().signal));
    dispose();
  });
});
