import { tool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GatewayEvent, ServedCall } from './gateway-events.js';
import { useEmulator } from './test-support/emulator-setup.js';

const context = useEmulator();

const proOverloaded = { 'gemini-2.5-pro': { errorRates: { '503': 1 } } };

const weather = tool(async ({ city }) => `Sunny in ${city}`, {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: z.object({ city: z.string() }),
});

function served(message: { response_metadata: Record<string, unknown> }): ServedCall {
  return message.response_metadata.tokenflow as ServedCall;
}

describe('RoutedChatModel over the emulator', () => {
  it('answers through the gateway and records the served call, usage and cost', async () => {
    const gateway = context.gateway();
    const answer = await gateway.chatModel('gemini-2.5-flash').invoke('Say hello to the gateway.');
    expect(typeof answer.content).toBe('string');
    expect(String(answer.content).length).toBeGreaterThan(0);
    const call = served(answer);
    expect(call).toMatchObject({
      requestedModel: 'gemini-2.5-flash',
      model: 'gemini-2.5-flash',
      attempts: 1,
      cached: false,
    });
    expect(call.usage.inputTokens).toBe(answer.usage_metadata?.input_tokens);
    expect(call.costUsd).toBeGreaterThan(0);
    expect(gateway.usage().models['gemini-2.5-flash']).toMatchObject({ requests: 1, responses: 1 });
    expect(gateway.usage().costUsd).toBeCloseTo(call.costUsd, 12);
  });

  it('gives each call its own events through the onEvent call option', async () => {
    const gateway = context.gateway();
    const mine: GatewayEvent[] = [];
    await gateway.chatModel('gemini-2.5-flash').invoke('One.', { onEvent: (event) => mine.push(event) });
    await gateway.chatModel('gemini-2.5-flash').invoke('Two.');
    expect(mine.map((event) => event.type)).toEqual(['model-request', 'model-response']);
    expect(context.events).toHaveLength(4);
  });

  it('sends bound tools to the fallback model and returns its tool calls', async () => {
    context.emulator.setFaults(proOverloaded);
    context.emulator.script([
      {
        model: 'gemini-2.5-flash',
        response: {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [{ functionCall: { name: 'get_weather', args: { city: 'Lyon' } } }],
              },
              finishReason: 'STOP',
              index: 0,
            },
          ],
          usageMetadata: { promptTokenCount: 20, candidatesTokenCount: 5, totalTokenCount: 25 },
          modelVersion: 'gemini-2.5-flash',
        },
      },
    ]);
    const gateway = context.gateway({ retry: { maxAttempts: 1 } });
    const before = context.emulator.requests.length;
    const answer = await gateway.chatModel('gemini-2.5-pro').bindTools([weather]).invoke('Weather in Lyon?');
    expect(answer.tool_calls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'Lyon' } });
    expect(served(answer)).toMatchObject({
      model: 'gemini-2.5-flash',
      modelsTried: ['gemini-2.5-pro', 'gemini-2.5-flash'],
    });
    const sent = context.emulator.requests
      .slice(before)
      .map((request) => request.body as { tools?: unknown });
    expect(sent).toHaveLength(2);
    for (const body of sent) {
      expect(JSON.stringify(body.tools)).toContain('get_weather');
    }
  });

  it('sends a structured-output schema to the fallback model and parses its answer', async () => {
    context.emulator.setFaults(proOverloaded);
    const gateway = context.gateway({ retry: { maxAttempts: 1 } });
    const Review = z.object({ sentiment: z.enum(['positive', 'negative', 'neutral']), score: z.number() });
    const before = context.emulator.requests.length;
    const result = await gateway
      .chatModel('gemini-2.5-pro')
      .withStructuredOutput(Review, { includeRaw: true })
      .invoke('Rate this review: the soup was wonderful.');
    expect(Review.parse(result.parsed)).toEqual(result.parsed);
    expect(served(result.raw as never).model).toBe('gemini-2.5-flash');
    const flashBody = context.emulator.requests
      .slice(before)
      .find((request) => request.model === 'gemini-2.5-flash')?.body as {
      generationConfig?: { responseSchema?: unknown; responseMimeType?: string };
    };
    expect(flashBody.generationConfig?.responseMimeType).toBe('application/json');
    expect(JSON.stringify(flashBody.generationConfig?.responseSchema)).toContain('sentiment');
  });

  it('refuses a key in the per-model settings, naming the option', () => {
    const gateway = context.gateway();
    expect(() => gateway.chatModel('gemini-2.5-flash', { settings: { apiKey: 'x' } })).toThrow(
      /`settings` of gateway.chatModel\(\) to hold model settings only, got `apiKey`/,
    );
  });

  it('fails a bad key once, without retry or fallback, and never shows the key', async () => {
    const gateway = context.gateway({ apiKey: 'tk-wrong-key-0000' });
    const before = context.emulator.requests.length;
    const failure = (await gateway
      .chatModel('gemini-2.5-pro')
      .invoke('Hello')
      .catch((error: unknown) => error)) as Error & { kind: string };
    expect(failure.kind).toBe('auth');
    expect(context.emulator.requests.length - before).toBe(1);
    expect(failure.message).toMatch(/key to fix/);
    const visible = `${failure.message} ${JSON.stringify(context.events)}`;
    expect(visible).not.toContain('tk-wrong-key-0000');
  });

  it('never shows the key when the gateway or the model is logged or serialized', async () => {
    const { inspect } = await import('node:util');
    const gateway = context.gateway();
    const model = gateway.chatModel('gemini-2.5-flash');
    await model.invoke('Warm the concrete model.');
    const shown = [inspect(gateway, { depth: 8 }), inspect(model, { depth: 8 }), JSON.stringify(model)].join(
      '\n',
    );
    expect(shown).not.toContain('GATEWAY-SECRET');
  });
});
