import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ScannedCsvRecord, scanCsvFile } from './scan-csv-records.js';
import { makeTempDir } from './test-support/batch-test-files.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

async function scanText(dir: string, text: string, chunkBytes: number): Promise<ScannedCsvRecord[]> {
  const path = join(dir, 'in.csv');
  await writeFile(path, text);
  const records: ScannedCsvRecord[] = [];
  for await (const record of scanCsvFile(path, 1024 * 1024, chunkBytes)) records.push(record);
  return records;
}

/** A field's text: mostly plain, sometimes with the characters that force quoting. */
const fieldText = fc.array(fc.constantFrom('x', 'é', ' ', ',', '"', '\n', '\r\n', '1'), { maxLength: 6 });

/** CSV text for rows, with the start line of each row, LF or CRLF line ends and blank lines between. */
const row = fc.record({
  fields: fc.array(
    fieldText.map((parts) => parts.join('')),
    { minLength: 1, maxLength: 4 },
  ),
  quoteAnyway: fc.boolean(),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  blankLinesBefore: fc.constantFrom('', '', '\n', '\r\n\n'),
});
const csvFile = fc
  .tuple(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([rows, endsWithLineEnd]) => {
    let text = '';
    const expected: { line: number; fields: string[] }[] = [];
    rows.forEach((row, position) => {
      text += row.blankLinesBefore;
      const line = text.split('\n').length;
      const encoded = row.fields.map((field) =>
        // A lone empty unquoted field would be a blank line, which is no record.
        row.quoteAnyway || /[",\r\n]/.test(field) || (field === '' && row.fields.length === 1)
          ? `"${field.replaceAll('"', '""')}"`
          : field,
      );
      text += encoded.join(',');
      if (position < rows.length - 1 || endsWithLineEnd) text += row.lineEnd;
      expected.push({ line, fields: row.fields });
    });
    return { text, expected };
  });

describe('scanCsvFile', () => {
  // Each property keeps its own test's folder: were a run ever cut short, it could not write into the next test's.
  it('reads back any well-formed CSV exactly, with the line each record starts on, however it is chunked', async () => {
    const { dir } = temp;
    await fc.assert(
      fc.asyncProperty(csvFile, fc.integer({ min: 1, max: 17 }), async ({ text, expected }, chunkBytes) => {
        const records = await scanText(dir, text, chunkBytes);
        expect(records).toEqual(expected.map((row) => ({ kind: 'record', ...row })));
      }),
      { numRuns: 200 },
    );
  });

  it('accounts for every non-blank line exactly once when quotes are added or removed at random', async () => {
    const { dir } = temp;
    const damaged = csvFile.chain(({ text }) =>
      fc.tuple(fc.integer({ min: 0, max: text.length }), fc.boolean()).map(([at, insert]) => {
        if (insert) return `${text.slice(0, at)}"${text.slice(at)}`;
        const quoteAt = text.indexOf('"', at);
        return quoteAt < 0 ? text : text.slice(0, quoteAt) + text.slice(quoteAt + 1);
      }),
    );
    await fc.assert(
      fc.asyncProperty(damaged, fc.integer({ min: 1, max: 17 }), async (text, chunkBytes) => {
        const records = await scanText(dir, text, chunkBytes);
        // The lines each report covers: a record its quoted newlines too, a broken record its first line.
        const spans = records.map((record) => {
          const newlines = record.kind === 'record' ? record.fields.join('').split('\n').length - 1 : 0;
          return [record.line, record.line + newlines] as const;
        });
        for (let i = 1; i < spans.length; i++) {
          expect((spans[i] as readonly number[])[0]).toBeGreaterThan(
            (spans[i - 1] as readonly number[])[1] as number,
          );
        }
        const lines = text.split('\n');
        if (text.endsWith('\n')) lines.pop();
        lines.forEach((content, position) => {
          const line = position + 1;
          const covered = spans.some(([first, last]) => first <= line && line <= last);
          if (content !== '' && content !== '\r') expect({ line, covered }).toEqual({ line, covered: true });
        });
      }),
      { numRuns: 300 },
    );
  });
});
