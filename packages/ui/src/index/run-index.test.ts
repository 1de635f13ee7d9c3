import { appendFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitLine, doneLine, failedLine, sessionLine, writeRun } from '../test-support/run-files.js';
import { findRuns } from './find-runs.js';
import { RunIndex } from './run-index.js';

describe('RunIndex', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tokenflow-ui-index-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function indexOf(): Promise<RunIndex> {
    const [files] = await findRuns(folder);
    if (!files) throw new Error('no run found');
    return new RunIndex(files);
  }

  it('counts done and failed rows, cost, tokens and rows in the input from the run files', async () => {
    const input = join(folder, 'input.jsonl');
    await writeFile(input, '{"id":"a"}\n{"id":"b"}\n\n{"id":"c"}\n');
    await writeRun(folder, {
      journal: sessionLine(input) + commitLine(1, [0, 1], [2]),
      output: doneLine('a', 0.25) + doneLine('b', 0.5, 'gemini-2.5-pro'),
      errors: failedLine('c', 'blocked'),
    });
    const summary = await (await indexOf()).summary(60_000);
    expect(summary.rows).toEqual({ total: 3, done: 2, failed: 1, skipped: 0, finished: 3 });
    expect(summary.costUsd).toBe(0.75);
    expect(summary.usage).toEqual({ inputTokens: 20, outputTokens: 40, thinkingTokens: 10 });
    expect(summary.retries).toBe(2);
    expect(summary.byModel.map((row) => [row.key, row.costUsd])).toEqual([
      ['gemini-2.5-pro', 0.5],
      ['gemini-2.5-flash', 0.25],
    ]);
    expect(summary.usageSource).toBe('rows');
    expect(summary.indexing.done).toBe(true);
  });

  it('reads only what a live run appended since the last look, and a line once it is complete', async () => {
    const paths = await writeRun(folder, {
      journal: sessionLine('/nowhere.jsonl'),
      output: doneLine('a', 1),
    });
    const index = await indexOf();
    expect((await index.summary(60_000)).rows.done).toBe(1);
    const next = doneLine('b', 2);
    await appendFile(paths.output, next.slice(0, 10));
    const half = await index.summary(60_000);
    expect(half.rows.done).toBe(1);
    expect(half.skippedLines.output).toBe(1);
    await appendFile(paths.output, next.slice(10) + doneLine('c', 4));
    const whole = await index.summary(60_000);
    expect(whole.rows.done).toBe(3);
    expect(whole.costUsd).toBe(7);
    expect(whole.skippedLines.output).toBe(0);
  });

  it('counts again from the start when a resume cut a file back', async () => {
    const paths = await writeRun(folder, {
      journal: sessionLine('/nowhere.jsonl'),
      output: doneLine('a', 1) + doneLine('b', 1),
      errors: failedLine('c', 'x'),
    });
    const index = await indexOf();
    expect((await index.summary(60_000)).rows.finished).toBe(3);
    await truncate(paths.output, doneLine('a', 1).length);
    const after = await index.summary(60_000);
    expect(after.rows).toMatchObject({ done: 1, failed: 1, finished: 2 });
    expect(after.costUsd).toBe(1);
  });

  it('calls the rows finished before the latest session skipped, as tokenflow run does on resume', async () => {
    await writeRun(folder, {
      journal:
        sessionLine('/nowhere.jsonl') +
        commitLine(1, [0, 1], [2]) +
        sessionLine('/nowhere.jsonl') +
        commitLine(2, [3], []),
      output: doneLine('a', 1) + doneLine('b', 1) + doneLine('d', 1),
      errors: failedLine('c', 'x'),
    });
    const summary = await (await indexOf()).summary(60_000);
    expect(summary.sessions).toBe(2);
    expect(summary.rows).toMatchObject({ skipped: 3, done: 1, failed: 0, finished: 4 });
  });

  it('skips corrupt lines of every file and counts them, keeping the rest', async () => {
    await writeRun(folder, {
      journal: `${sessionLine('/nowhere.jsonl')}{"type":"commit"\n`,
      output: `${doneLine('a', 1)}garbage\n${doneLine('b', 1)}`,
      errors: `${failedLine('c', 'x')}[1,\n`,
      trace: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x"}]}]}]}\nnot json\n',
    });
    const summary = await (await indexOf()).summary(60_000);
    expect(summary.rows).toMatchObject({ done: 2, failed: 1 });
    expect(summary.skippedLines).toEqual({ output: 1, errors: 1, journal: 1, trace: 2 });
  });

  it('pages the failed rows with their reasons', async () => {
    const errors = Array.from({ length: 120 }, (_, index) => failedLine(`r${index}`, `reason ${index}`)).join(
      '',
    );
    await writeRun(folder, { journal: sessionLine('/nowhere.jsonl'), errors });
    const index = await indexOf();
    await index.summary(60_000);
    const page = await index.failedRows(100, 50);
    expect(page.total).toBe(120);
    expect(page.rows.map((row) => row.id)).toEqual(
      Array.from({ length: 20 }, (_, offset) => `r${100 + offset}`),
    );
    expect(page.rows[0]).toMatchObject({ code: 'tokenoff_blocked', message: 'reason 100', line: 2 });
  });
});
