import { BatchError } from './batch-error.js';
import { defaultMaxLineBytes, type InputReadOptions, type InputRecord } from './input-record.js';
import { type ScannedCsvRecord, scanCsvFile } from './scan-csv-records.js';

/**
 * Streams the rows of a CSV file: the first record is the header (column names), every later record
 * becomes an object of strings keyed by column. Values stay strings: use a row schema with `z.coerce`
 * to get numbers.
 *
 * No input line goes missing without an error row. A record with the wrong number of fields, one longer
 * than `maxLineBytes`, or one with a broken quoted field (a quote that closes in the middle of a field,
 * or never closes) becomes an error record at the line where it starts, and reading goes on. When a
 * broken quote ran over several lines, reading goes on at the record's second line, so the lines the
 * quote would have swallowed are rows (or error rows) of their own.
 */
export async function* readCsvRecords(
  path: string,
  options: InputReadOptions = {},
): AsyncGenerator<InputRecord> {
  const name = options.displayName ?? path;
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  let header: string[] | undefined;
  let index = 0;
  for await (const scanned of scanCsvFile(path, maxLineBytes)) {
    if (header) yield toInputRecord(scanned, header, index++, name, maxLineBytes);
    else header = checkHeader(scanned, name);
  }
}

function toInputRecord(
  scanned: ScannedCsvRecord,
  header: string[],
  index: number,
  name: string,
  maxLineBytes: number,
): InputRecord {
  const { line } = scanned;
  const malformed = (message: string): InputRecord => ({
    index,
    line,
    error: { code: 'row-malformed-csv', message },
  });
  switch (scanned.kind) {
    case 'too-long':
      return {
        index,
        line,
        error: {
          code: 'row-line-too-long',
          message: `${name}:${line}: the record is longer than ${maxLineBytes} bytes; shorten it or raise input.maxLineBytes`,
        },
      };
    case 'bad-quote':
      return malformed(
        `${name}:${line}: field ${scanned.field} opens a quote ${scanned.problem}. A quoted field ends with a quote followed by a comma or the end of the line, and a quote inside it is written ""; fix the line, then run again. ${
          scanned.resumeAt
            ? `The lines after line ${line} are read as rows of their own.`
            : 'The rest of the line is skipped.'
        }`,
      );
    case 'record': {
      const { fields } = scanned;
      if (fields.length !== header.length) {
        return malformed(
          `${name}:${line}: the record has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}; fix the line (quote fields that contain commas), then run again`,
        );
      }
      const value: Record<string, unknown> = {};
      header.forEach((column, position) => {
        value[column] = fields[position];
      });
      return { index, line, value };
    }
  }
}

function checkHeader(scanned: ScannedCsvRecord, name: string): string[] {
  const unreadable = (message: string) =>
    new BatchError('batch-input-unreadable', `${name}:${scanned.line}: ${message}`, { path: name });
  if (scanned.kind === 'too-long') {
    throw unreadable('the CSV header is longer than input.maxLineBytes; is this a CSV file?');
  }
  if (scanned.kind === 'bad-quote') {
    throw unreadable(`CSV header field ${scanned.field} opens a quote ${scanned.problem}; fix the header`);
  }
  const seen = new Set<string>();
  scanned.fields.forEach((column, position) => {
    if (column.trim() === '') {
      throw unreadable(`CSV header column ${position + 1} has no name; every column needs a unique name`);
    }
    if (seen.has(column)) {
      throw unreadable(
        `CSV header names column ${JSON.stringify(column)} twice; column names must be unique`,
      );
    }
    seen.add(column);
  });
  return scanned.fields;
}
