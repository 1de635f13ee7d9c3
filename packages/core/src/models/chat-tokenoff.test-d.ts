import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessageChunk } from '@langchain/core/messages';
import type { IterableReadableStream } from '@langchain/core/utils/stream';
import { describe, expectTypeOf, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { classifyError } from './classify-error.js';
import { costOf } from './cost-of.js';
import type { ModelInfo } from './model-catalog.js';
import type { TokenUsage } from './token-usage.js';
import type { TokenOffError } from './tokenoff-error.js';

describe('models types', () => {
  it('is a LangChain chat model with typed stream chunks', () => {
    expectTypeOf<ChatTokenOff>().toMatchTypeOf<BaseChatModel>();
    expectTypeOf<ChatTokenOff['stream']>().returns.toEqualTypeOf<
      Promise<IterableReadableStream<AIMessageChunk>>
    >();
  });

  it('takes the stock options plus TokenOff ones, and requires a model', () => {
    expectTypeOf<ChatTokenOffInput['model']>().toEqualTypeOf<string>();
    expectTypeOf<ChatTokenOffInput>().toHaveProperty('thinkingConfig');
    expectTypeOf<ChatTokenOffInput['truncatedAnswers']>().toEqualTypeOf<'return' | 'throw' | undefined>();
    // @ts-expect-error a model id is required
    new ChatTokenOff({ apiKey: 'k' });
  });

  it('classifies anything into a TokenOffError and prices usage in USD', () => {
    expectTypeOf(classifyError).returns.toEqualTypeOf<TokenOffError>();
    expectTypeOf(costOf).parameters.toEqualTypeOf<[ModelInfo, TokenUsage]>();
    expectTypeOf(costOf).returns.toBeNumber();
  });
});
