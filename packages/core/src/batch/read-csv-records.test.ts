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

  it('keeps the rows before a quote left open, then reports where the broken record starts', async () => {
    const records = await readAll('id,text\n1,a\n2,"never closed\n3,c\n');
    expect(records[0]).toEqual({ index: 0, line: 2, value: { id: '1', text: 'a' } });
    expect(records[1]).toMatchObject({ index: 1, line: 3, error: { code: 'row-malformed-csv' } });
    expect(errorMessage(records[1])).toMatch(/^in\.csv:3: the CSV cannot be read past/);
    expect(records).toHaveLength(2);
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
