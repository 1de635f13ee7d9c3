import { describe, expect, it } from 'vitest';
import { AttemptController, attemptControllerOf } from './attempt-controller.js';

describe('AttemptController', () => {
  it("tells its one listener the reason once, after the signal's own listeners", () => {
    const controller = new AttemptController();
    const heard: string[] = [];
    controller.signal.addEventListener('abort', () => heard.push('signal listener'));
    expect(controller.listen({ attemptAborted: (reason) => heard.push(`listener: ${reason}`) })).toBe(true);
    controller.abort('stop');
    controller.abort('again');
    expect(heard).toEqual(['signal listener', 'listener: stop']);
    expect(controller.signal.reason).toBe('stop');
  });

  it('refuses a second listener while one hangs there, and takes one off only when it is that one', () => {
    const controller = new AttemptController();
    const first = { attemptAborted: () => undefined };
    const second = { attemptAborted: () => undefined };
    expect(controller.listen(first)).toBe(true);
    expect(controller.listen(second)).toBe(false);
    controller.unlisten(second);
    expect(controller.listen(second)).toBe(false);
    controller.unlisten(first);
    expect(controller.listen(second)).toBe(true);
  });

  it('tells nothing to a listener taken off', () => {
    const controller = new AttemptController();
    let told = 0;
    const listener = { attemptAborted: () => (told += 1) };
    controller.listen(listener);
    controller.unlisten(listener);
    controller.abort();
    expect(told).toBe(0);
    expect((controller.signal.reason as DOMException).name).toBe('AbortError');
  });

  it('is what attemptControllerOf finds behind its signal', () => {
    const controller = new AttemptController();
    expect(attemptControllerOf(controller.signal)).toBe(controller);
    expect(attemptControllerOf(new AbortController().signal)).toBeUndefined();
  });
});
