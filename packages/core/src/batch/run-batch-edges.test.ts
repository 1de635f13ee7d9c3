import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
import { runBatch } from './run-batch.js';
import { makeTempDir, numberedRows, readJsonl, writeJsonl } from './test-support/batch-test-files.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let outputPath: string;
beforeEach(async () => {
  temp = await makeTempDir();
  outputPath = join(temp.dir, 'out.jsonl');
});
afterEach(() => temp.remove());

const echo = async (row: Record<string, unknown>) => ({ output: row });

describe('runBatch edge cases', () => {
  it('runs the CSV rows around a quote that never closes, records the break as one error row, and has nothing left to resume', async () => {
    const input = join(temp.dir, 'in.csv');
    await writeFile(input, 'id,text\n1,a\n2,b\n3,"never closed\n4,d\n');
    const first = await runBatch({
      input: { path: input, idField: 'id' },
      output: outputPath,
      process: echo,
    });
    expect(first.rows).toMatchObject({ done: 3, failed: 1, total: 4 });
    const errors = await readJsonl<BatchErrorLine>(join(temp.dir, 'out.errors.jsonl'));
    expect(errors[0]).toMatchObject({ line: 4, error: { code: 'row-malformed-csv' } });
    const again = await runBatch({
      input: { path: input, idField: 'id' },
      output: outputPath,
      process: echo,
    });
    expect(again.rows).toMatchObject({ skipped: 4, done: 0, failed: 0 });
  });

  it('starts fresh when the journal holds only a torn first line', async () => {
    const input = join(temp.dir, 'in.jsonl');
    await writeJsonl(input, numberedRows(3));
    await writeFile(join(temp.dir, 'out.journal.jsonl'), '{"type":"session","vers');
    const summary = await runBatch({
      input: { path: input, idField: 'id' },
      output: outputPath,
      process: echo,
    });
    expect(summary).toMatchObject({ stopReason: 'completed', rows: { done: 3 } });
    const journal = await readFile(join(temp.dir, 'out.journal.jsonl'), 'utf8');
    expect(journal.startsWith('{"type":"session","version":1')).toBe(true);
  });

  it('runs and resumes without fsync when durability.fsync is off', async () => {
    const input = join(temp.dir, 'in.jsonl');
    await writeJsonl(input, numberedRows(10));
    const options = {
      input: { path: input, idField: 'id' },
      output: outputPath,
      durability: { fsync: false },
      process: echo,
    };
    await runBatch(options);
    await expect(runBatch(options)).resolves.toMatchObject({ rows: { skipped: 10 } });
    expect(await readJsonl<BatchOutputLine>(outputPath)).toHaveLength(10);
  });

  it('refuses an output path that is the input file', async () => {
    const input = join(temp.dir, 'in.jsonl');
    await writeJsonl(input, numberedRows(1));
    await expect(
      runBatch({ input, output: join(temp.dir, '.', 'in.jsonl'), process: echo }),
    ).rejects.toMatchObject({
      code: 'batch-invalid-options',
      message: expect.stringContaining('four different files'),
    });
  });

  it('skips the counting pass when countRows is off, and survives a throwing listener', async () => {
    const input = join(temp.dir, 'in.jsonl');
    await writeJsonl(input, numberedRows(4));
    const summary = await runBatch({
      input,
      output: outputPath,
      countRows: false,
      process: echo,
      onEvent: () => {
        throw new Error('a broken progress bar');
      },
    });
    expect(summary.rows).toMatchObject({ total: undefined, done: 4 });
  });
});
