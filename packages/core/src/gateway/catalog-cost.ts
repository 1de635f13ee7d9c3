import type { ModelInfo } from '../models/model-catalog.js';
import type { TokenUsage } from '../models/token-usage.js';

/**
 * USD cost of `usage` at the catalog prices of `info`: uncached input at the input rate, cached input at
 * the cached rate, output (thinking included) at the output rate; the long-context rates apply to the
 * whole call when its prompt passes the threshold. A model missing from the catalog costs 0 (and cannot
 * be budgeted: add it to the catalog).
 */
export function catalogCost(info: ModelInfo | undefined, usage: TokenUsage): number {
  if (!info) return 0;
  const pricing = info.pricing;
  const long = pricing.longContextThreshold !== undefined && usage.inputTokens > pricing.longContextThreshold;
  const inputRate = (long ? pricing.longInputPerMillion : undefined) ?? pricing.inputPerMillion;
  const outputRate = (long ? pricing.longOutputPerMillion : undefined) ?? pricing.outputPerMillion;
  const cachedRate = (long ? pricing.longCachedInputPerMillion : undefined) ?? pricing.cachedInputPerMillion;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return (
    ((usage.inputTokens - cached) * inputRate + cached * cachedRate + usage.outputTokens * outputRate) /
    1_000_000
  );
}
