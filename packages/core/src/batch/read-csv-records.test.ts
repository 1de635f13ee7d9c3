import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputRecord } from './input-record.js';
import { readCsvRecords } from './read-csv-records.js';
import { makeTempDir } from './test-support/batch-test-files.js';

const errorMessage = (record?: InputRecord) =>
  record && 'error' in record ? record.error.message : undefined;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.remove());

async function readAll(text: string): Promise<InputRecord[]> {
  const path = join(temp.dir, 'in.csv');
  await writeFile(path, text);
  const records: InputRecord[] = [];
  for await (const record of readCsvRecords(path, { displayName: 'in.csv' })) records.push(record);
  return records;
}

describe('readCsvRecords', () => {
  it('keys each record by the header and reports the line it starts on', async () => {
    const records = await readAll('id,text\n1,hello\n\n2,"two\nlines"\n3,"a, b"\n');
    expect(records).toEqual([
      { index: 0, line: 2, value: { id: '1', text: 'hello' } },
      { index: 1, line: 4, value: { id: '2', text: 'two\nlines' } },
      { index: 2, line: 6, value: { id: '3', text: 'a, b' } },
    ]);
  });

  it('turns a record with the wrong number of fields into an error record and reads on', async () => {
    const records = await readAll('id,text\n1,a,extra\n2\n3,c\n');
    expect(records[0]).toMatchObject({ index: 0, line: 2, error: { code: 'row-malformed-csv' } });
    expect(errorMessage(records[0])).toMatch(/^in\.csv:2: the record has 3 fields, the header has 2/);
    expect(records[1]).toMatchObject({ index: 1, line: 3, error: { code: 'row-malformed-csv' } });
    expect(records[2]).toEqual({ index: 2, line: 4, value: { id: '3', text: 'c' } });
  });

  it('reports a quote left open at the line where it opens, then reads the lines it would have swallowed', async () => {
    const records = await readAll('id,text\n1,a\n2,"never closed\n3,c\n');
    expect(records[0]).toEqual({ index: 0, line: 2, value: { id: '1', text: 'a' } });
    expect(records[1]).toMatchObject({ index: 1, line: 3, error: { code: 'row-malformed-csv' } });
    expect(errorMessage(records[1])).toMatch(
      /^in\.csv:3: field 2 opens a quote that is never closed \(the file ends inside it\)\. .* The lines after line 3 are read as rows of their own\.$/,
    );
    expect(records[2]).toEqual({ index: 2, line: 4, value: { id: '3', text: 'c' } });
    expect(records).toHaveLength(3);
  });

  it('turns a quoted field closed in the middle of a line into an error row and reads the next line', async () => {
    const records = await readAll('id,text\n1,"a"b\n2,c\n');
    expect(records[0]).toMatchObject({ index: 0, line: 2, error: { code: 'row-malformed-csv' } });
    expect(errorMessage(records[0])).toMatch(
      /^in\.csv:2: field 2 opens a quote that closes at line 2 with a quote followed by "b", not by a comma/,
    );
    expect(records[1]).toEqual({ index: 1, line: 3, value: { id: '2', text: 'c' } });
  });

  it('keeps a quote inside an unquoted field as a character', async () => {
    expect(await readAll('id,text\n1,12" pizza\n')).toEqual([
      { index: 0, line: 2, value: { id: '1', text: '12" pizza' } },
    ]);
  });

  it('turns a record longer than maxLineBytes into an error row and reads on', async () => {
    const path = join(temp.dir, 'in.csv');
    await writeFile(path, `id,text\n1,"${'x'.repeat(100)}\n${'y'.repeat(100)}"\n2,b\n`);
    const records: InputRecord[] = [];
    for await (const record of readCsvRecords(path, { displayName: 'in.csv', maxLineBytes: 64 })) {
      records.push(record);
    }
    expect(records[0]).toMatchObject({ index: 0, line: 2, error: { code: 'row-line-too-long' } });
    expect(records[1]).toEqual({ index: 1, line: 4, value: { id: '2', text: 'b' } });
  });

  it('refuses a header that names a column twice', async () => {
    await expect(readAll('id,id\n1,2\n')).rejects.toThrow(/names column "id" twice/);
  });

  it('reads a large file in order across chunk boundaries', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},"text ${i}, with comma"`);
    const records = await readAll(`id,text\n${lines.join('\n')}\n`);
    expect(records).toHaveLength(5000);
    expect(records[4999]).toEqual({
      index: 4999,
      line: 5001,
      value: { id: '4999', text: 'text 4999, with comma' },
    });
  });
});
