import type { ModelInfo } from './model-catalog.js';
import type { TokenUsage } from './token-usage.js';

/** What one call cost, in USD, by what was billed. */
export interface CostBreakdown {
  /** Uncached input tokens. */
  inputUsd: number;
  /** Cached input tokens, at the cache-read rate. */
  cachedInputUsd: number;
  /** Output tokens, thinking included. */
  outputUsd: number;
  totalUsd: number;
  /** Whether the long-context (> threshold prompt) rates applied. */
  longContext: boolean;
}

/**
 * The price of one call from its usage, in USD: uncached input at the input rate, cached input at the
 * cache-read rate, and output (thinking included) at the output rate. When the prompt is longer than the
 * model's `longContextThreshold` (200k tokens for the pro models) every rate is the long-context one, as
 * Google bills it. Pass one call's usage: summed usage of several calls would misjudge the threshold.
 */
export function costBreakdownOf(info: ModelInfo, usage: TokenUsage): CostBreakdown {
  const pricing = info.pricing;
  const longContext =
    pricing.longContextThreshold !== undefined && usage.inputTokens > pricing.longContextThreshold;
  const inputRate = longContext
    ? (pricing.longInputPerMillion ?? pricing.inputPerMillion)
    : pricing.inputPerMillion;
  const outputRate = longContext
    ? (pricing.longOutputPerMillion ?? pricing.outputPerMillion)
    : pricing.outputPerMillion;
  const cachedRate = longContext
    ? (pricing.longCachedInputPerMillion ?? pricing.cachedInputPerMillion)
    : pricing.cachedInputPerMillion;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const inputUsd = ((usage.inputTokens - cached) * inputRate) / 1_000_000;
  const cachedInputUsd = (cached * cachedRate) / 1_000_000;
  const outputUsd = (usage.outputTokens * outputRate) / 1_000_000;
  return {
    inputUsd,
    cachedInputUsd,
    outputUsd,
    totalUsd: inputUsd + cachedInputUsd + outputUsd,
    longContext,
  };
}

/** The price of one call from its usage, in USD (see {@link costBreakdownOf}). */
export function costOf(info: ModelInfo, usage: TokenUsage): number {
  return costBreakdownOf(info, usage).totalUsd;
}
