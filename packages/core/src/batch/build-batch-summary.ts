import { roundUsd } from './batch-row-meta.js';
import type { BatchStats } from './batch-stats.js';
import type { BatchStopReason, BatchSummary } from './batch-summary.js';
import type { BatchFiles } from './open-batch-files.js';

/** The end-of-run summary from the run's totals; costs rounded to 1e-9 USD like the row lines. */
export function buildBatchSummary(input: {
  stats: BatchStats;
  stopReason: BatchStopReason;
  files: Pick<BatchFiles, 'finished' | 'previous' | 'repaired'>;
  paths: BatchSummary['files'];
  wallTimeMs: number;
  maxCostUsd: number | undefined;
}): BatchSummary {
  const { stats, stopReason, files, wallTimeMs } = input;
  const ranRows = stats.done + stats.failed;
  const finished = files.finished.count + ranRows;
  return {
    stopReason,
    rows: {
      total: stats.total,
      done: stats.done,
      failed: stats.failed,
      skipped: stats.skipped,
      cancelled: stats.cancelled,
      finished,
    },
    models: Object.fromEntries(
      Object.entries(stats.models).map(([model, usage]) => [
        model,
        { ...usage, costUsd: roundUsd(usage.costUsd) },
      ]),
    ),
    usage: stats.usage,
    costUsd: roundUsd(stats.costUsd),
    previousCostUsd: roundUsd(files.previous.costUsd),
    retries: stats.retries,
    fallbacks: stats.fallbacks,
    latencyMs: { p50: stats.latency.percentile(0.5), p95: stats.latency.percentile(0.95) },
    wallTimeMs,
    rowsPerSecond: wallTimeMs > 0 ? (ranRows * 1000) / wallTimeMs : 0,
    files: input.paths,
    repaired: files.repaired,
    resumeHint: resumeHint(stopReason, finished, stats.total, input.maxCostUsd),
  };
}

function resumeHint(
  stopReason: BatchStopReason,
  finished: number,
  total: number | undefined,
  maxCostUsd: number | undefined,
): string | undefined {
  if (stopReason === 'completed') return undefined;
  const of = total === undefined ? '' : ` of ${total}`;
  const base = `${finished}${of} rows are finished. Run the same command again to resume; finished rows are skipped, not sent again.`;
  return stopReason === 'budget-reached'
    ? `The cost budget of $${maxCostUsd} was reached. ${base} The budget applies to each run.`
    : base;
}
