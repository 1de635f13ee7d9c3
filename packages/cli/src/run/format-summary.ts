import type { BatchSummary } from '@tokenflow/core';

const usd = (value: number): string => `$${value < 0.01 && value > 0 ? value.toFixed(6) : value.toFixed(4)}`;
const count = (value: number): string => value.toLocaleString('en-US');
const ms = (value: number | undefined): string =>
  value === undefined ? '-' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;

const stopLines: Record<BatchSummary['stopReason'], string> = {
  completed: 'completed',
  stopped: 'stopped (Ctrl-C): in-flight rows finished or were cancelled',
  aborted: 'aborted (Ctrl-C twice): in-flight rows were cancelled',
  'budget-reached': 'stopped at the cost budget (--max-cost)',
};

/**
 * The first line of the report. A completed run says plainly how it went: every row done, some failed,
 * none succeeded, nothing to do. The exit code follows `exit-codes.ts` as documented there: a run where
 * any row failed, including one where no row succeeded, exits 1; a run with nothing to do exits 0.
 */
function headline(summary: BatchSummary): string {
  const { rows } = summary;
  if (summary.stopReason !== 'completed') return `Run ${stopLines[summary.stopReason]}.`;
  if (rows.done === 0 && rows.failed > 0) {
    const failed = `${count(rows.failed)} ${rows.failed === 1 ? 'row' : 'rows'}`;
    const what =
      rows.skipped > 0
        ? `no row succeeded in this run (${failed} failed)`
        : `no row succeeded (all ${failed} failed)`;
    return `Run completed, but ${what}. The errors file says why: ${summary.files.errors}`;
  }
  if (rows.failed > 0)
    return `Run completed. ${count(rows.failed)} of ${count(rows.done + rows.failed)} rows failed; the errors file says why.`;
  if (rows.done === 0 && rows.skipped > 0)
    return `Run completed: nothing to do, all ${count(rows.skipped)} rows were finished by an earlier run.`;
  if (rows.done === 0) return 'Run completed: the input has no rows.';
  return 'Run completed.';
}

/** The end-of-run report for people: rows, tokens and cost per model, retries, latency, speed, files. */
export function formatSummary(summary: BatchSummary): string {
  const { rows } = summary;
  const lines = [
    headline(summary),
    `  rows      ${count(rows.done)} done, ${count(rows.failed)} failed, ${count(rows.skipped)} skipped (done before)` +
      (rows.cancelled > 0 ? `, ${count(rows.cancelled)} cancelled (will run on resume)` : '') +
      (rows.total === undefined ? '' : `; ${count(rows.finished)} of ${count(rows.total)} finished`),
  ];
  const models = Object.entries(summary.models).sort(([a], [b]) => a.localeCompare(b));
  if (models.length > 0) {
    lines.push(
      `${'  models'.padEnd(28)} ${'calls'.padStart(5)}  ${'input tok'.padStart(9)}  ${'output tok'.padStart(10)} (thinking)  cost`,
    );
    for (const [model, usage] of models) {
      lines.push(
        `    ${model.padEnd(24)} ${String(usage.calls).padStart(5)}  ${count(usage.usage.inputTokens).padStart(9)}  ` +
          `${count(usage.usage.outputTokens).padStart(10)} (${count(usage.usage.reasoningTokens)})  ${usd(usage.costUsd)}`,
      );
    }
  }
  lines.push(
    `  cost      ${usd(summary.costUsd)} this run` +
      (summary.previousCostUsd > 0 ? `, ${usd(summary.previousCostUsd + summary.costUsd)} in all runs` : ''),
    `  calls     ${count(summary.retries)} retries, ${count(summary.fallbacks)} fallbacks`,
    `  latency   p50 ${ms(summary.latencyMs.p50)}, p95 ${ms(summary.latencyMs.p95)} per row`,
    `  time      ${ms(summary.wallTimeMs)} wall, ${summary.rowsPerSecond.toFixed(1)} rows/s`,
    `  output    ${summary.files.output}`,
    `  errors    ${summary.files.errors}`,
  );
  if (summary.resumeHint) lines.push(`  resume    ${summary.resumeHint}`);
  return `${lines.join('\n')}\n`;
}
