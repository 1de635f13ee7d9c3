import type { AIMessageChunk } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import { TokenOffError } from './tokenoff-error.js';

/** Concatenates a whole chunk stream into one `ChatResult` (for `invoke` on a model with `streaming: true`). */
export async function aggregateChatStream(
  chunks: AsyncIterable<ChatGenerationChunk>,
  model: string,
): Promise<ChatResult> {
  let aggregate: ChatGenerationChunk | undefined;
  for await (const chunk of chunks) aggregate = aggregate ? aggregate.concat(chunk) : chunk;
  if (!aggregate) {
    throw new TokenOffError(`Model ${model} streamed no chunks: the answer is missing. Retry the call.`, {
      kind: 'network',
      model,
    });
  }
  const usage = (aggregate.message as AIMessageChunk).usage_metadata;
  return {
    generations: [aggregate],
    llmOutput: {
      tokenUsage: {
        promptTokens: usage?.input_tokens,
        completionTokens: usage?.output_tokens,
        totalTokens: usage?.total_tokens,
      },
    },
  };
}
