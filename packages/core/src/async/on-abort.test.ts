import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort.js';

describe('onAbort', () => {
  it('calls every listener still waiting, once, in the order they came, with the signal aborted', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push(`a ${controller.signal.aborted}`));
    const stopB = onAbort(controller.signal, () => calls.push('b'));
    onAbort(controller.signal, () => calls.push('c'));
    stopB();
    controller.abort();
    controller.abort();
    expect(calls).toEqual(['a true', 'c']);
  });

  it('adds one event listener to a signal however many wait on it', () => {
    const controller = new AbortController();
    let added = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added += 1;
      add(...args);
    }) as typeof signal.addEventListener;
    const stops = Array.from({ length: 1000 }, () => onAbort(signal, () => undefined));
    for (const stop of stops) stop();
    let called = false;
    onAbort(signal, () => {
      called = true;
    });
    controller.abort();
    expect(added).toBe(1);
    expect(called).toBe(true);
  });

  it('keeps signals apart', () => {
    const first = new AbortController();
    const second = new AbortController();
    const calls: string[] = [];
    onAbort(first.signal, () => calls.push('first'));
    onAbort(second.signal, () => calls.push('second'));
    second.abort();
    expect(calls).toEqual(['second']);
  });
});
