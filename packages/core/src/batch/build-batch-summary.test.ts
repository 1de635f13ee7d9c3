import { describe, expect, it } from 'vitest';
import { BatchStats } from './batch-stats.js';
import { buildBatchSummary } from './build-batch-summary.js';
import { FinishedRows } from './finished-rows.js';
import { servedCall } from './test-support/batch-test-files.js';

function summaryOf(stats: BatchStats, previousCostUsd = 0) {
  return buildBatchSummary({
    stats,
    stopReason: 'completed',
    files: {
      finished: new FinishedRows(),
      previous: { doneRows: 0, failedRows: 0, costUsd: previousCostUsd },
      repaired: { outputBytes: 0, errorsBytes: 0, journalBytes: 0 },
    },
    paths: { output: 'out.jsonl', errors: 'out.errors.jsonl', journal: 'out.journal' },
    wallTimeMs: 1000,
    maxCostUsd: undefined,
  });
}

describe('the batch summary', () => {
  it('states costs rounded to 1e-9 USD, per model and in total, as the row lines do', () => {
    const stats = new BatchStats();
    stats.addCalls([servedCall({ costUsd: 0.1 }), servedCall({ costUsd: 0.2 })]);
    stats.addCalls([servedCall({ model: 'gemini-2.5-pro', costUsd: 0.0000015 })]);
    stats.addCalls([servedCall({ model: 'gemini-2.5-pro', costUsd: 0.00001 })]);
    expect(stats.costUsd).not.toBe(0.3000115);
    const summary = summaryOf(stats, 0.1 + 0.2);
    expect(summary.costUsd).toBe(0.3000115);
    expect(summary.previousCostUsd).toBe(0.3);
    expect(summary.models['gemini-2.5-flash']?.costUsd).toBe(0.3);
    expect(summary.models['gemini-2.5-pro']?.costUsd).toBe(0.0000115);
    expect(JSON.stringify(summary)).not.toMatch(/\d{12,}/);
    expect(stats.progress().costUsd).toBe(0.3000115);
  });

  it('counts the rows of the run and its speed', () => {
    const stats = new BatchStats();
    stats.done = 3;
    stats.failed = 1;
    stats.total = 4;
    expect(summaryOf(stats)).toMatchObject({
      rows: { total: 4, done: 3, failed: 1, skipped: 0, cancelled: 0, finished: 4 },
      rowsPerSecond: 4,
      resumeHint: undefined,
    });
  });
});
