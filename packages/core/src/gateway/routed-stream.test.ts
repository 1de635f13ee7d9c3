import type { AIMessageChunk } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import type { GatewayEvent, ServedCall } from './gateway-events.js';
import { useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();
const pro = 'gemini-2.5-pro';
const flash = 'gemini-2.5-flash';
const longPrompt = `Summarize this in detail: ${'The river rose through the valley town overnight. '.repeat(40)}`;

async function collect(stream: AsyncIterable<AIMessageChunk>) {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function typesOf(events: GatewayEvent[]) {
  return events.map((event) => event.type);
}

describe('RoutedChatModel streaming', () => {
  it('streams through the gateway and ends with a chunk carrying the served call', async () => {
    const gateway = context.gateway();
    const chunks = await collect(await gateway.chatModel(flash).stream(longPrompt));
    expect(chunks.length).toBeGreaterThan(2);
    const last = chunks.at(-1);
    expect(last?.content).toBe('');
    const served = last?.response_metadata.tokenflow as ServedCall;
    expect(served).toMatchObject({ model: flash, attempts: 1, cached: false });
    const whole = chunks.reduce((sum, chunk) => sum.concat(chunk));
    expect(served.usage.inputTokens).toBe(whole.usage_metadata?.input_tokens);
    expect(served.usage.outputTokens).toBe(whole.usage_metadata?.output_tokens);
    expect(gateway.usage().usage.outputTokens).toBe(served.usage.outputTokens);
  });

  it('falls back cleanly when pro fails before the first chunk', async () => {
    context.emulator.setFaults({ [pro]: { errorRates: { '503': 1 } } });
    const gateway = context.gateway({ retry: { maxAttempts: 2 } });
    const chunks = await collect(await gateway.chatModel(pro).stream(longPrompt));
    const served = chunks.at(-1)?.response_metadata.tokenflow as ServedCall;
    expect(served).toMatchObject({ model: flash, modelsTried: [pro, flash], attempts: 3 });
    expect(served.streamRestarts).toBeUndefined();
    expect(chunks.some((chunk) => chunk.response_metadata.tokenflow_restart !== undefined)).toBe(false);
    expect(typesOf(context.events)).not.toContain('stream-restart');
  });

  it('reports a restart, never a silent concatenation, when a stream breaks after its first chunk', async () => {
    context.emulator.setFaults({ [pro]: { rates: { midStreamError: 1 } } });
    const gateway = context.gateway({ retry: { maxAttempts: 1 } });
    const chunks = await collect(await gateway.chatModel(pro).stream(longPrompt));
    const marked = chunks.findIndex((chunk) => chunk.response_metadata.tokenflow_restart !== undefined);
    expect(marked).toBeGreaterThan(0);
    const restart = context.events.find((event) => event.type === 'stream-restart');
    expect(restart).toMatchObject({ model: pro, discardedChunks: marked });
    expect(chunks[marked]?.response_metadata.tokenflow_restart).toEqual({
      count: 1,
      discardedChunks: marked,
    });
    const served = chunks.at(-1)?.response_metadata.tokenflow as ServedCall;
    expect(served).toMatchObject({ model: flash, streamRestarts: 1 });
    // What the consumer keeps after the marker is flash's whole answer.
    const kept = chunks.slice(marked).reduce((sum, chunk) => sum.concat(chunk));
    const direct = await context.gateway().chatModel(flash).invoke(longPrompt);
    expect(kept.content).toBe(direct.content);
  });

  it('frees the lane slot when the consumer stops reading early', async () => {
    const gateway = context.gateway({ limits: { [flash]: { concurrency: 1 } } });
    const model = gateway.chatModel(flash);
    for await (const _chunk of await model.stream(longPrompt)) break;
    const answer = await model.invoke('Next call gets the slot.');
    expect(answer.response_metadata.tokenflow).toMatchObject({ model: flash });
    expect(gateway.lanes()[0]).toMatchObject({ running: 0, queued: 0 });
  });
});
