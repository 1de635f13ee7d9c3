import { describe, expect, it } from 'vitest';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { tokenOffError, usageOf } from './test-support/scripted-attempts.js';

/** A gate the test opens: what an attempt waits on to stay in flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Resolves once every promise job queued so far (and those they queue) has run. */
const settledJobs = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('gateway.drain and gateway.close', () => {
  it('wait for a stream being read until it ends', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock() });
    const held = gate();
    const stream = gateway.stream<string>({
      model: 'gemini-2.5-flash',
      async *attempt() {
        yield 'a';
        await held.opened;
        yield 'b';
      },
      usageOf: () => usageOf(1, 1),
    });
    expect(await stream.next()).toMatchObject({ value: { type: 'chunk', chunk: 'a' } });
    const order: string[] = [];
    const closed = gateway.close().then(() => order.push('closed'));
    await settledJobs();
    expect(order).toEqual([]);
    held.open();
    for await (const _item of stream) {
      // read to the end
    }
    order.push('stream ended');
    await closed;
    expect(order).toEqual(['stream ended', 'closed']);
  });

  it('wait for a call that fails, and for calls started while they wait', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock(), fallback: false });
    const first = gate();
    const second = gate();
    const failing = gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => {
        await first.opened;
        throw tokenOffError('invalid_request');
      },
    });
    const order: string[] = [];
    const drained = gateway.drain().then(() => order.push('drained'));
    await settledJobs();
    const later = gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => {
        await second.opened;
        return { value: 'ok', usage: usageOf(1, 1) };
      },
    });
    first.open();
    await expect(failing).rejects.toMatchObject({ kind: 'invalid_request' });
    await settledJobs();
    expect(order).toEqual([]);
    second.open();
    await expect(later).resolves.toMatchObject({ value: 'ok' });
    await drained;
    expect(order).toEqual(['drained']);
  });

  it('resolve at once when nothing is in flight', async () => {
    const gateway = createGateway({ apiKey: 'k', clock: createFakeClock() });
    await gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => ({ value: 'ok', usage: usageOf(1, 1) }),
    });
    await expect(gateway.drain()).resolves.toBeUndefined();
  });
});
