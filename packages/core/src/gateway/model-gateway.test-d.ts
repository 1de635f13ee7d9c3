import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { GatewayEvent, ServedCall } from './gateway-events.js';
import { createGateway } from './model-gateway.js';
import type { RoutedChatModel } from './routed-chat-model.js';

const gateway = createGateway({ apiKey: 'k' });
const usage = { inputTokens: 1, outputTokens: 1, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 2 };

describe('gateway types', () => {
  it('infers the value of a call from its attempt function', () => {
    const result = gateway.call({
      model: 'gemini-2.5-flash',
      attempt: async () => ({ value: { id: 1 }, usage }),
    });
    expectTypeOf(result).resolves.toEqualTypeOf<{ value: { id: number }; served: ServedCall }>();
  });

  it('hands out a LangChain chat model that takes a per-call event listener', () => {
    const model = gateway.chatModel('gemini-2.5-pro');
    expectTypeOf(model).toEqualTypeOf<RoutedChatModel>();
    expectTypeOf(model).toMatchTypeOf<BaseChatModel>();
    expectTypeOf(model.invoke)
      .parameter(1)
      .toMatchTypeOf<{ onEvent?: (event: GatewayEvent) => void } | undefined>();
  });

  it('types structured output from the zod schema', () => {
    const structured = gateway
      .chatModel('gemini-2.5-pro')
      .withStructuredOutput(z.object({ score: z.number() }));
    expectTypeOf(structured.invoke).returns.resolves.toEqualTypeOf<{ score: number }>();
  });

  it('narrows events by type', () => {
    gateway.on((event) => {
      if (event.type === 'model-fallback') expectTypeOf(event.from).toBeString();
      if (event.type === 'model-response') expectTypeOf(event.call).toEqualTypeOf<ServedCall>();
    });
  });
});
