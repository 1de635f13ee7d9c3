import { describe, expect, it } from 'vitest';
import type { GatewayEvent } from './gateway-events.js';
import type { GatewayStreamItem } from './gateway-requests.js';
import { createGateway } from './model-gateway.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { tokenOffError, usageOf } from './test-support/scripted-attempts.js';

async function collect<T>(stream: AsyncIterable<GatewayStreamItem<T>>) {
  const items: GatewayStreamItem<T>[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('gateway.stream', () => {
  it('restarts on the same model after a mid-stream failure and marks the new answer', async () => {
    const events: GatewayEvent[] = [];
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      random: () => 0,
      fallback: false,
    });
    gateway.on((event) => events.push(event));
    let attempt = 0;
    const items = await collect(
      gateway.stream<string>({
        model: 'gemini-2.5-flash',
        async *attempt() {
          attempt += 1;
          yield `a${attempt}`;
          if (attempt === 1) {
            yield 'b1';
            throw tokenOffError('network');
          }
          yield `b${attempt}`;
        },
        usageOf: () => usageOf(1, 1),
      }),
    );
    expect(
      items.filter((item) => item.type === 'chunk').map((item) => item.type === 'chunk' && item.chunk),
    ).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(items[2]).toMatchObject({
      type: 'chunk',
      chunk: 'a2',
      restart: { attempt: 2, discardedChunks: 2 },
    });
    expect(items[3]).not.toHaveProperty('restart');
    const served = items.at(-1);
    expect(served).toMatchObject({ type: 'served', served: { attempts: 2, streamRestarts: 1 } });
    // Usage counts the answer that completed, not the discarded one.
    expect(served?.type === 'served' && served.served.usage.outputTokens).toBe(2);
    expect(events.map((event) => event.type)).toEqual([
      'model-request',
      'model-retry',
      'stream-restart',
      'model-request',
      'model-response',
    ]);
  });

  it('retries a failure before the first chunk without any restart marker', async () => {
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      random: () => 0,
      fallback: false,
    });
    let attempt = 0;
    const items = await collect(
      gateway.stream<string>({
        model: 'gemini-2.5-flash',
        async *attempt() {
          attempt += 1;
          if (attempt === 1) throw tokenOffError('overloaded');
          yield 'only';
        },
        usageOf: () => undefined,
      }),
    );
    expect(items).toEqual([
      { type: 'chunk', chunk: 'only', model: 'gemini-2.5-flash' },
      expect.objectContaining({ type: 'served' }),
    ]);
  });

  it('frees the slot and closes the attempt when the consumer stops early', async () => {
    const gateway = createGateway({
      apiKey: 'k',
      clock: createFakeClock(),
      limits: { 'gemini-2.5-flash': { concurrency: 1 } },
    });
    let closed = false;
    const stream = gateway.stream<number>({
      model: 'gemini-2.5-flash',
      async *attempt() {
        try {
          for (let i = 0; ; i += 1) yield i;
        } finally {
          closed = true;
        }
      },
      usageOf: () => undefined,
    });
    for await (const item of stream) if (item.type === 'chunk' && item.chunk === 3) break;
    expect(closed).toBe(true);
    // With one slot, this call could only run if the stream gave its slot back.
    const next = await gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => ({ value: 'next', usage: usageOf(1, 1) }),
    });
    expect(next.value).toBe('next');
    expect(gateway.usage()).toMatchObject({ requests: 2, responses: 1, failures: 0 });
  });
});
