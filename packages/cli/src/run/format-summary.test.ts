import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchSummary } from '@tokenflow/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { formatSummary } from './format-summary.js';

function summary(rows: Partial<BatchSummary['rows']>, overrides: Partial<BatchSummary> = {}): BatchSummary {
  const counts = { total: 320, done: 0, failed: 0, skipped: 0, cancelled: 0, finished: 0, ...rows };
  return {
    stopReason: 'completed',
    rows: counts,
    models: {},
    usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0 },
    costUsd: 0,
    previousCostUsd: 0,
    retries: 0,
    fallbacks: 0,
    latencyMs: { p50: undefined, p95: undefined },
    wallTimeMs: 1200,
    rowsPerSecond: 0,
    files: { output: 'out/extract.jsonl', errors: 'out/extract.errors.jsonl', journal: 'out/.journal' },
    repaired: { outputBytes: 0, errorsBytes: 0, journalBytes: 0 },
    resumeHint: undefined,
    ...overrides,
  };
}

const firstLine = (text: string) => text.split('\n')[0];

describe('the end-of-run summary says plainly how the run went', () => {
  it('says "Run completed." when every row is done', () => {
    expect(firstLine(formatSummary(summary({ done: 320, finished: 320 })))).toBe('Run completed.');
  });

  it('says that no row succeeded, and where to read why, when every row failed', () => {
    const text = formatSummary(summary({ failed: 320, finished: 320 }));
    expect(firstLine(text)).toBe(
      'Run completed, but no row succeeded (all 320 rows failed). The errors file says why: out/extract.errors.jsonl',
    );
    expect(text).not.toContain('Run completed.');
  });

  it('says no row succeeded in this run when earlier runs did the rest', () => {
    expect(firstLine(formatSummary(summary({ failed: 1, skipped: 319, finished: 320 })))).toBe(
      'Run completed, but no row succeeded in this run (1 row failed). The errors file says why: out/extract.errors.jsonl',
    );
  });

  it('counts the failed rows when some succeeded', () => {
    expect(firstLine(formatSummary(summary({ done: 317, failed: 3, finished: 320 })))).toBe(
      'Run completed. 3 of 320 rows failed; the errors file says why.',
    );
  });

  it('says there was nothing to do when every row was done before, or the input was empty', () => {
    expect(firstLine(formatSummary(summary({ skipped: 320, finished: 320 })))).toBe(
      'Run completed: nothing to do, all 320 rows were finished by an earlier run.',
    );
    expect(firstLine(formatSummary(summary({ total: 0 })))).toBe('Run completed: the input has no rows.');
  });

  it('keeps the stop reason of a run that did not complete', () => {
    expect(firstLine(formatSummary(summary({ done: 10 }, { stopReason: 'budget-reached' })))).toBe(
      'Run stopped at the cost budget (--max-cost).',
    );
  });

  it('prints costs of the summary to at most six decimals', () => {
    const text = formatSummary(
      summary(
        { done: 320, finished: 320 },
        {
          costUsd: 0.197612346,
          models: {
            'gemini-2.5-flash': {
              calls: 320,
              usage: {
                inputTokens: 44689,
                outputTokens: 73684,
                reasoningTokens: 0,
                cachedInputTokens: 0,
                totalTokens: 118373,
              },
              costUsd: 0.197612346,
            },
          },
        },
      ),
    );
    expect(text).toContain('  cost      $0.1976 this run');
    expect(text).toContain('gemini-2.5-flash           320     44,689      73,684 (0)  $0.1976');
  });
});

describe('tokenflow run when no row succeeds (the real binary, offline)', () => {
  it('says so and exits 1, as exit-codes.ts documents for failed rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenflow-summary-'));
    try {
      const pipeline = new URL('../test-support/fixtures/triage.yaml', import.meta.url).pathname;
      const input = join(dir, 'tickets.jsonl');
      // Every row lacks the declared `text` field, so every row fails before any model call.
      await writeFile(input, '{"ticket_id":"T1"}\n{"ticket_id":"T2"}\n');
      const result = await runCli(['run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl')], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `Run completed, but no row succeeded (all 2 rows failed). The errors file says why: ${join(dir, 'out.errors.jsonl')}`,
      );
      expect(result.stderr).not.toContain('Run completed.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
