import type { AIMessage } from '@langchain/core/messages';
import type { ServedCall } from '../gateway/gateway-events.js';
import { costOf } from '../models/cost-of.js';
import type { ModelCatalog } from '../models/create-model-catalog.js';
import type { TokenUsage } from '../models/token-usage.js';

/** What one model answer used and cost, and which model served it. */
export interface MessageUsage {
  model: string;
  usage: TokenUsage;
  costUsd: number;
  /** HTTP attempts behind the answer (1 unless a gateway retried). */
  attempts: number;
}

function servedCallOf(message: AIMessage): ServedCall | undefined {
  const served = (message.response_metadata as Record<string, unknown> | undefined)?.tokenflow;
  if (served && typeof served === 'object' && 'usage' in served && 'costUsd' in served)
    return served as ServedCall;
  return undefined;
}

/**
 * Usage and cost of one answer. Prefers the gateway's `ServedCall` (`response_metadata.tokenflow`);
 * otherwise reads LangChain's `usage_metadata` and prices it with `costOf` from `catalog` (0 for a model
 * the catalog does not list). Thinking tokens are
 * counted in `outputTokens` and `reasoningTokens` either way.
 */
export function messageUsage(
  message: AIMessage,
  requestedModel: string,
  catalog: ModelCatalog,
): MessageUsage {
  const served = servedCallOf(message);
  if (served) {
    return { model: served.model, usage: served.usage, costUsd: served.costUsd, attempts: served.attempts };
  }
  const metadata = message.usage_metadata;
  const reasoning = metadata?.output_token_details?.reasoning ?? 0;
  const input = metadata?.input_tokens ?? 0;
  const rawOutput = metadata?.output_tokens ?? 0;
  const total = metadata?.total_tokens ?? input + rawOutput;
  // Stock clients leave thinking out of output_tokens (but not out of total_tokens); put it back.
  const output = input + rawOutput + reasoning <= total ? rawOutput + reasoning : rawOutput;
  const usage: TokenUsage = {
    inputTokens: input,
    outputTokens: output,
    reasoningTokens: reasoning,
    cachedInputTokens: metadata?.input_token_details?.cache_read ?? 0,
    totalTokens: Math.max(total, input + output),
  };
  const responseModel = (message.response_metadata as Record<string, unknown> | undefined)?.modelVersion;
  const model =
    typeof responseModel === 'string' && Object.hasOwn(catalog, responseModel)
      ? responseModel
      : requestedModel;
  const info = Object.hasOwn(catalog, model) ? catalog[model] : undefined;
  return { model, usage, costUsd: info ? costOf(info, usage) : 0, attempts: 1 };
}
