/** Token counts of one or more calls. `outputTokens` includes `reasoningTokens`. */
export interface TokenUsage {
  inputTokens: number;
  /** Answer plus thinking tokens (what is billed at the output rate). */
  outputTokens: number;
  /** Thinking tokens, a part of `outputTokens`. */
  reasoningTokens: number;
  /** Cached prompt tokens, a part of `inputTokens`. */
  cachedInputTokens: number;
  totalTokens: number;
}

export const emptyUsage: Readonly<TokenUsage> = {
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cachedInputTokens: 0,
  totalTokens: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
