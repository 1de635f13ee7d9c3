import type { ServedCall } from '../gateway/gateway-events.js';
import { addUsage, emptyUsage, type TokenUsage } from '../models/token-usage.js';

/** The `meta` of an output or error line: what the row cost and how it was served. */
export interface BatchRowMeta {
  /** Every model that served a call for this row, in call order, without repeats. */
  models: string[];
  /** Model calls made for the row. */
  calls: number;
  /** HTTP attempts over all calls and models. */
  attempts: number;
  /** Attempts repeated on the same model. */
  retries: number;
  /** Times a call moved to another model. */
  fallbacks: number;
  /** Tokens over all calls; `outputTokens` includes `reasoningTokens` (thinking). */
  usage: TokenUsage;
  /** What the row's calls cost, in USD, rounded to 1e-9 (see `roundUsd` (internal)). */
  costUsd: number;
  /** Time the row took in the processor, in milliseconds (injected clock). */
  latencyMs: number;
}

/**
 * Rounds a cost to the nano-dollar (1e-9 USD). Summed prices carry float noise
 * (`0.000011500000000000002`); a nano-dollar is a thousandth of the cheapest call's price, so nothing a
 * reader could want is lost. Output and error lines, the journal and the summary all write costs rounded
 * by this one function.
 */
export function roundUsd(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Sums the calls of one row into its metadata; the cost is rounded by `roundUsd` (internal). */
export function summarizeRowCalls(calls: readonly ServedCall[], latencyMs: number): BatchRowMeta {
  const models: string[] = [];
  let usage: TokenUsage = { ...emptyUsage };
  let attempts = 0;
  let retries = 0;
  let fallbacks = 0;
  let costUsd = 0;
  for (const call of calls) {
    if (!models.includes(call.model)) models.push(call.model);
    usage = addUsage(usage, call.usage);
    attempts += call.attempts;
    const tried = Math.max(1, call.modelsTried.length);
    retries += Math.max(0, call.attempts - tried);
    fallbacks += tried - 1;
    costUsd += call.costUsd;
  }
  return {
    models,
    calls: calls.length,
    attempts,
    retries,
    fallbacks,
    usage,
    costUsd: roundUsd(costUsd),
    latencyMs,
  };
}

/** The `calls` an error carries, if it carries any (see `RowProcessor`). */
export function callsOfError(error: unknown): readonly ServedCall[] {
  const calls = (error as { calls?: unknown } | null)?.calls;
  return Array.isArray(calls) ? (calls as ServedCall[]) : [];
}
