import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
import { runBatch } from './run-batch.js';
import { makeTempDir, readJsonl } from './test-support/batch-test-files.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let inputPath: string;
let outputPath: string;
beforeEach(async () => {
  temp = await makeTempDir();
  inputPath = join(temp.dir, 'in.csv');
  outputPath = join(temp.dir, 'out.jsonl');
});
afterEach(() => temp.remove());

/** Runs the CSV at `inputPath` with an echoing processor; returns the output and error lines. */
async function runCsv(text: string) {
  await writeFile(inputPath, text);
  const summary = await runBatch({
    input: { path: inputPath, idField: 'id' },
    output: outputPath,
    process: async (row) => ({ output: row.text }),
  });
  const outputs = await readJsonl<BatchOutputLine>(outputPath);
  const errors = await readJsonl<BatchErrorLine>(join(temp.dir, 'out.errors.jsonl'));
  const linesSeen = [...outputs, ...errors].map((line) => line.line).sort((a, b) => a - b);
  return { summary, outputs, errors, linesSeen };
}

describe('runBatch with a malformed CSV', () => {
  it('turns a record whose quote closes lines later into one error row and runs the lines it would have swallowed', async () => {
    const { summary, outputs, errors, linesSeen } = await runCsv(
      'id,text\n1,first\n2,"opened and never closed\n3,third\n4,"fourth"\n5,fifth\n',
    );
    expect(errors.map((line) => [line.line, line.id, line.error.code])).toEqual([
      [3, null, 'row-malformed-csv'],
    ]);
    expect(errors[0]?.error.message).toMatch(/in\.csv:3: field 2 opens a quote /);
    expect(outputs.map((line) => [line.id, line.line, line.output]).sort()).toEqual([
      ['1', 2, 'first'],
      ['3', 4, 'third'],
      ['4', 5, 'fourth'],
      ['5', 6, 'fifth'],
    ]);
    // Every input line after the header is accounted for by exactly one row.
    expect(linesSeen).toEqual([2, 3, 4, 5, 6]);
    expect(summary.rows).toMatchObject({ total: 5, done: 4, failed: 1 });
  });

  it('reports a quote left open at the end of the file and still runs the rows after it', async () => {
    const { summary, outputs, errors, linesSeen } = await runCsv('id,text\n1,a\n2,"never closed\n3,c\n4,d\n');
    expect(errors.map((line) => [line.line, line.error.code])).toEqual([[3, 'row-malformed-csv']]);
    expect(errors[0]?.error.message).toMatch(/in\.csv:3: field 2 opens a quote that is never closed/);
    expect(outputs.map((line) => line.id).sort()).toEqual(['1', '3', '4']);
    expect(linesSeen).toEqual([2, 3, 4, 5]);
    expect(summary.rows).toMatchObject({ total: 4, done: 3, failed: 1 });
  });

  it('keeps fields that legitimately span lines as one row', async () => {
    const { outputs, errors } = await runCsv('id,text\r\n1,"two\r\nlines, and ""quotes"""\r\n2,b\r\n');
    expect(errors).toEqual([]);
    expect(outputs.map((line) => [line.id, line.line, line.output]).sort()).toEqual([
      ['1', 2, 'two\r\nlines, and "quotes"'],
      ['2', 4, 'b'],
    ]);
  });
});
