import type { UsageMetadata } from '@langchain/core/messages';
import type { GeminiUsageMetadata } from './gemini-response.js';
import type { TokenUsage } from './token-usage.js';

/**
 * Gemini `usageMetadata` as LangChain usage. Unlike the stock mapping, thinking is counted:
 * `output_tokens` = answer + thoughts (what is billed at the output rate), `output_token_details.reasoning`
 * = thoughts, and tool-use prompt tokens count as input, so `input_tokens + output_tokens = total_tokens`.
 */
export function toUsageMetadata(usage: GeminiUsageMetadata): UsageMetadata {
  const input = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const output = (usage.candidatesTokenCount ?? 0) + reasoning;
  const cached = usage.cachedContentTokenCount ?? 0;
  return {
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    input_token_details: { cache_read: cached },
    output_token_details: { reasoning },
  };
}

/** `current - previous`, field by field: the delta a stream chunk carries so that chunks sum to the total. */
export function subtractUsageMetadata(
  current: UsageMetadata,
  previous: UsageMetadata | undefined,
): UsageMetadata {
  if (!previous) return current;
  return {
    input_tokens: current.input_tokens - previous.input_tokens,
    output_tokens: current.output_tokens - previous.output_tokens,
    total_tokens: current.total_tokens - previous.total_tokens,
    input_token_details: {
      cache_read:
        (current.input_token_details?.cache_read ?? 0) - (previous.input_token_details?.cache_read ?? 0),
    },
    output_token_details: {
      reasoning:
        (current.output_token_details?.reasoning ?? 0) - (previous.output_token_details?.reasoning ?? 0),
    },
  };
}

/** LangChain usage (for example `message.usage_metadata`) as tokenflow's {@link TokenUsage}. */
export function toTokenUsage(usage: UsageMetadata | undefined): TokenUsage {
  return {
    inputTokens: usage?.input_tokens ?? 0,
    outputTokens: usage?.output_tokens ?? 0,
    reasoningTokens: usage?.output_token_details?.reasoning ?? 0,
    cachedInputTokens: usage?.input_token_details?.cache_read ?? 0,
    totalTokens: usage?.total_tokens ?? 0,
  };
}
