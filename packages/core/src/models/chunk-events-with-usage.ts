import type { ChatModelStreamEvent } from '@langchain/core/language_models/event';
import { type AIMessageChunk, mergeUsageMetadata, type UsageMetadata } from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';

/**
 * LangChain's content-block events (@langchain/core 1.2 and later) for a chunk stream, with the full
 * running usage on the usage and finish events: the stock bridge sums only the three usage totals and
 * drops the reasoning and cache-read details. The bridge is imported on first use, so older 1.x releases,
 * which lack it and never ask for these events, still load ChatTokenOff.
 */
export async function* chunkEventsWithUsage(
  chunks: AsyncIterable<ChatGenerationChunk>,
  signal: AbortSignal | undefined,
): AsyncGenerator<ChatModelStreamEvent> {
  const { convertChunksToEvents } = await import('@langchain/core/language_models/compat');
  let usage: UsageMetadata | undefined;
  const counted = (async function* () {
    for await (const chunk of chunks) {
      const delta = (chunk.message as AIMessageChunk).usage_metadata;
      if (delta) usage = mergeUsageMetadata(usage, delta);
      yield chunk;
    }
  })();
  for await (const event of convertChunksToEvents(counted, { signal })) {
    if ((event.event === 'usage' || event.event === 'message-finish') && usage && 'usage' in event) {
      yield { ...event, usage: { ...usage } } as ChatModelStreamEvent;
    } else {
      yield event;
    }
  }
}
