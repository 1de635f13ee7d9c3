import { describe, expect, it } from 'vitest';
import { runSignal } from './run-signal.js';

describe('runSignal', () => {
  it('aborts the run with the reason the caller aborted with', () => {
    const caller = new AbortController();
    const { signal } = runSignal(caller.signal);
    caller.abort('user pressed stop');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('user pressed stop');
  });

  it('starts aborted when the caller already aborted', () => {
    const caller = new AbortController();
    caller.abort('too late');
    expect(runSignal(caller.signal).signal.reason).toBe('too late');
  });

  it('lets a busy run add many listeners without a MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const { signal } = runSignal(new AbortController().signal);
      for (let index = 0; index < 50; index += 1) signal.addEventListener('abort', () => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('stops following the caller once released', () => {
    const caller = new AbortController();
    const { signal, release } = runSignal(caller.signal);
    release();
    caller.abort();
    expect(signal.aborted).toBe(false);
  });
});
