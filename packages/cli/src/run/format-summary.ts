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

/** The end-of-run report for people: rows, tokens and cost per model, retries, latency, speed, files. */
export function formatSummary(summary: BatchSummary): string {
  const { rows } = summary;
  const lines = [
    `Run ${stopLines[summary.stopReason]}.`,
    `  rows      ${count(rows.done)} done, ${count(rows.failed)} failed, ${count(rows.skipped)} skipped (done before)` +
      (rows.cancelled > 0 ? `, ${count(rows.cancelled)} cancelled (will run on resume)` : '') +
      (rows.total === undefined ? '' : `; ${count(rows.finished)} of ${count(rows.total)} finished`),
  ];
  const models = Object.entries(summary.models).sort(([a], [b]) => a.localeCompare(b));
  if (models.length > 0) {
    lines.push('  models    calls  input tok  output tok (thinking)  cost');
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
