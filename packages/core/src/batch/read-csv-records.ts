import { createReadStream } from 'node:fs';
import { type Info, type Parser, parse } from 'csv-parse';
import { BatchError } from './batch-error.js';
import { defaultMaxLineBytes, type InputReadOptions, type InputRecord } from './input-record.js';

interface ParsedRecord {
  record: string[];
  info: Info;
}

/**
 * Streams the rows of a CSV file with csv-parse: the first record is the header (column names), every
 * later record becomes an object of strings keyed by column. A record with the wrong number of fields
 * becomes an error record with its line number and reading goes on; a quote left open at the end of the
 * file ends the input with one error record at the line where it opened. Values stay strings: use a row
 * schema with `z.coerce` to get numbers.
 */
export async function* readCsvRecords(
  path: string,
  options: InputReadOptions = {},
): AsyncGenerator<InputRecord> {
  const name = options.displayName ?? path;
  const parser = parse({
    info: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: options.maxLineBytes ?? defaultMaxLineBytes,
  });
  let failure: unknown;
  let ended = false;
  parser.on('error', (error) => {
    failure = error;
  });
  parser.on('end', () => {
    ended = true;
  });

  let header: string[] | undefined;
  let index = 0;
  let previousEndLine = 0;
  let previousSkipped = 0;

  const toRecord = ({ record, info }: ParsedRecord): InputRecord | undefined => {
    // csv-parse reports the line a record ends on; it starts after the previous record and any
    // empty or comment lines in between.
    const skipped = info.empty_lines + info.comment_lines;
    const line = previousEndLine + 1 + (skipped - previousSkipped);
    previousEndLine = info.lines;
    previousSkipped = skipped;
    if (!header) {
      header = checkHeader(record, name);
      return undefined;
    }
    if (record.length !== header.length) {
      return {
        index: index++,
        line,
        error: {
          code: 'row-malformed-csv',
          message: `${name}:${line}: the record has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${header.length}; fix the line (quote fields that contain commas), then run again`,
        },
      };
    }
    const value: Record<string, unknown> = {};
    header.forEach((column, position) => {
      value[column] = record[position];
    });
    return { index: index++, line, value };
  };

  const drain = function* (): Generator<InputRecord> {
    for (;;) {
      const parsed = parser.read() as ParsedRecord | null;
      if (parsed === null) return;
      const record = toRecord(parsed);
      if (record) yield record;
    }
  };

  const fatal = (error: unknown): InputRecord => {
    const code = (error as { code?: string }).code;
    const line = (error as { lines?: number }).lines ?? previousEndLine + 1;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      index: index++,
      line: Math.min(line, previousEndLine + 1),
      error: {
        code: 'row-malformed-csv',
        message: `${name}:${previousEndLine + 1}: the CSV cannot be read past this point (${code ?? 'error'}: ${reason}); close the quote or fix the record, then run again`,
      },
    };
  };

  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      parser.write(chunk);
      yield* drain();
      if (failure) {
        yield fatal(failure);
        return;
      }
    }
    parser.end();
    while (!ended && !failure) {
      yield* drain();
      if (ended || failure) break;
      await nextParserEvent(parser);
    }
    yield* drain();
    if (failure) yield fatal(failure);
  } finally {
    parser.destroy();
  }
}

function checkHeader(record: string[], name: string): string[] {
  const seen = new Set<string>();
  record.forEach((column, position) => {
    if (column.trim() === '') {
      throw new BatchError(
        'batch-input-unreadable',
        `${name}:1: CSV header column ${position + 1} has no name; every column needs a unique name`,
        { path: name },
      );
    }
    if (seen.has(column)) {
      throw new BatchError(
        'batch-input-unreadable',
        `${name}:1: CSV header names column ${JSON.stringify(column)} twice; column names must be unique`,
        { path: name },
      );
    }
    seen.add(column);
  });
  return record;
}

function nextParserEvent(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      parser.off('readable', done);
      parser.off('end', done);
      parser.off('error', done);
      resolve();
    };
    parser.on('readable', done);
    parser.on('end', done);
    parser.on('error', done);
  });
}
