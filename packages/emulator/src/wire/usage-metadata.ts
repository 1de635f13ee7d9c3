import type { UsageMetadata } from './types.js';

/** Token counts for one response (or for a stream so far). */
export interface UsageCounts {
  prompt: number;
  candidates: number;
  thoughts: number;
}

/**
 * usageMetadata in the recorded key order (promptTokenCount, candidatesTokenCount, totalTokenCount,
 * promptTokensDetails, thoughtsTokenCount), zero counts left out like the real API;
 * `totalTokenCount` is the sum of its parts.
 */
export function buildUsageMetadata(counts: UsageCounts): UsageMetadata {
  const usage: Record<string, unknown> = { promptTokenCount: counts.prompt };
  if (counts.candidates > 0) usage.candidatesTokenCount = counts.candidates;
  usage.totalTokenCount = counts.prompt + counts.candidates + counts.thoughts;
  usage.promptTokensDetails = [{ modality: 'TEXT', tokenCount: counts.prompt }];
  if (counts.thoughts > 0) usage.thoughtsTokenCount = counts.thoughts;
  return usage as unknown as UsageMetadata;
}
