import type { TokenUsage } from '../models/token-usage.js';

/**
 * Why a batch run ended.
 * - `completed`: every input row is in the output or errors file.
 * - `stopped`: a graceful stop was asked for (first Ctrl-C); in-flight rows finished or were cancelled.
 * - `aborted`: a hard abort (second Ctrl-C); in-flight rows were cancelled.
 * - `budget-reached`: starting another row could have crossed `maxCostUsd`.
 * Every reason but `completed` leaves a resumable batch: run again with the same options.
 */
export type BatchStopReason = 'completed' | 'stopped' | 'aborted' | 'budget-reached';

/** Tokens and cost one model served during the run. */
export interface BatchModelUsage {
  calls: number;
  usage: TokenUsage;
  costUsd: number;
}

/** Row counts. All but `total` and `finished` count this run only. */
export interface BatchRowCounts {
  /** Rows in the input, when counted (`countRows`). */
  total: number | undefined;
  /** Rows written to the output file by this run. */
  done: number;
  /** Rows written to the errors file by this run (bad input lines included). */
  failed: number;
  /** Rows skipped because an earlier run finished them. */
  skipped: number;
  /** Rows started but cancelled by a stop or abort (not journaled; they run on resume). */
  cancelled: number;
  /** Rows finished over all runs so far (`skipped + done + failed`). */
  finished: number;
}

/** The end-of-run report. */
export interface BatchSummary {
  stopReason: BatchStopReason;
  rows: BatchRowCounts;
  /** Per model that served calls in this run. */
  models: Record<string, BatchModelUsage>;
  /** This run's tokens over all models; `outputTokens` includes thinking. */
  usage: TokenUsage;
  /** This run's cost, failed rows' known calls included; rounded to 1e-9 USD, as every cost in the summary. */
  costUsd: number;
  /** Cost of earlier runs of this batch, from the journal. */
  previousCostUsd: number;
  /** Attempts repeated on the same model, over all calls. */
  retries: number;
  /** Times a call moved to another model. */
  fallbacks: number;
  /** Row latency percentiles in milliseconds (processor time), `undefined` when no row ran. */
  latencyMs: { p50: number | undefined; p95: number | undefined };
  wallTimeMs: number;
  /** (done + failed) / wall time. */
  rowsPerSecond: number;
  files: { output: string; errors: string; journal: string };
  /** Bytes cut off torn or uncommitted file ends when this run resumed. */
  repaired: { outputBytes: number; errorsBytes: number; journalBytes: number };
  /** How to go on, when the run did not complete; for people. */
  resumeHint: string | undefined;
}
