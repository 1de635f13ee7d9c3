import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputRecord } from './input-record.js';
import { readJsonlRecords } from './read-jsonl-records.js';
import { makeTempDir } from './test-support/batch-test-files.js';

const errorMessage = (record?: InputRecord) =>
  record && 'error' in record ? record.error.message : undefined;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

async function readAll(
  text: string | Buffer,
  options: { maxLineBytes?: number } = {},
): Promise<InputRecord[]> {
  const path = join(temp.dir, 'in.jsonl');
  await writeFile(path, text);
  const records: InputRecord[] = [];
  for await (const record of readJsonlRecords(path, { ...options, displayName: 'in.jsonl' }))
    records.push(record);
  return records;
}

describe('readJsonlRecords', () => {
  it('numbers rows and lines separately, skipping blank lines', async () => {
    const records = await readAll('{"a":1}\n\n   \n{"a":2}\r\n{"a":3}');
    expect(records).toEqual([
      { index: 0, line: 1, value: { a: 1 } },
      { index: 1, line: 4, value: { a: 2 } },
      { index: 2, line: 5, value: { a: 3 } },
    ]);
  });

  it('drops a byte-order mark at the start of the file', async () => {
    const records = await readAll('\ufeff{"a":1}\n');
    expect(records).toEqual([{ index: 0, line: 1, value: { a: 1 } }]);
  });

  it('turns a line that is not JSON into an error record naming file and line, and reads on', async () => {
    const records = await readAll('{"a":1}\n{"a":\n{"a":3}\n');
    expect(records[1]).toMatchObject({ index: 1, line: 2, error: { code: 'row-malformed-json' } });
    expect(errorMessage(records[1])).toMatch(/^in\.jsonl:2: the line is not valid JSON/);
    expect(records[2]).toEqual({ index: 2, line: 3, value: { a: 3 } });
  });

  it('rejects JSON values that are not objects', async () => {
    const records = await readAll('[1,2]\n"text"\nnull\n');
    expect(records.map((record) => ('error' in record ? record.error.code : 'ok'))).toEqual([
      'row-not-an-object',
      'row-not-an-object',
      'row-not-an-object',
    ]);
    expect(errorMessage(records[0])).toContain('got an array of 2 items');
  });

  it('refuses to hold a line longer than maxLineBytes and goes on with the next', async () => {
    const records = await readAll(`{"a":"${'x'.repeat(500)}"}\n{"a":2}\n`, { maxLineBytes: 100 });
    expect(records[0]).toMatchObject({ index: 0, line: 1, error: { code: 'row-line-too-long' } });
    expect(records[1]).toEqual({ index: 1, line: 2, value: { a: 2 } });
  });

  it('reads lines that cross read-chunk boundaries and multi-byte characters intact', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ i, text: `ünïcödé ${'€'.repeat(i % 50)}` }));
    const records = await readAll(`${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    expect(records).toHaveLength(3000);
    expect(records.map((record) => ('value' in record ? record.value : undefined))).toEqual(rows);
  });

  it('gives every non-blank line exactly one record, with its line number (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(fc.constant(''), fc.constant('{"ok":true}'), fc.constant('{bad'), fc.constant('  ')),
          {
            maxLength: 40,
          },
        ),
        async (lines) => {
          const records = await readAll(lines.join('\n'));
          const expected = lines
            .map((text, position) => ({ text, line: position + 1 }))
            .filter(({ text }) => text.trim() !== '');
          expect(records.map((record) => record.line)).toEqual(expected.map((entry) => entry.line));
          expect(records.map((record) => record.index)).toEqual(expected.map((_, index) => index));
          expect(records.map((record) => 'error' in record)).toEqual(
            expected.map(({ text }) => text === '{bad'),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
