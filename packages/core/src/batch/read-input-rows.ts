import { describeValue } from '../errors/describe-value.js';
import type { InputFormat } from './input-format.js';
import type { InputReadOptions, InputRecord, RowErrorInfo } from './input-record.js';
import { readCsvRecords } from './read-csv-records.js';
import { readJsonlRecords } from './read-jsonl-records.js';
import { SeenIdSet } from './seen-id-set.js';

/** A row id: the value of the id field, or the line number when no id field is configured. */
export type RowId = string | number;

/** One input row with its id resolved, or the reason it cannot be used. */
export type InputRow =
  | {
      readonly index: number;
      readonly line: number;
      readonly id: RowId;
      readonly value: Record<string, unknown>;
    }
  | { readonly index: number; readonly line: number; readonly id?: RowId; readonly error: RowErrorInfo };

export interface ReadInputRowsOptions extends InputReadOptions {
  format: InputFormat;
  /** The field that holds each row's id. Absent: the row's line number is its id. */
  idField?: string;
}

/**
 * Streams rows with ids: missing or ill-typed ids and ids seen earlier in the file become error rows.
 * Which rows are duplicates depends only on the file, so a resumed run classifies them the same way.
 */
export async function* readInputRows(path: string, options: ReadInputRowsOptions): AsyncGenerator<InputRow> {
  const records: AsyncGenerator<InputRecord> =
    options.format === 'csv' ? readCsvRecords(path, options) : readJsonlRecords(path, options);
  const name = options.displayName ?? path;
  const { idField } = options;
  const seen = idField === undefined ? undefined : new SeenIdSet();
  for await (const record of records) {
    if ('error' in record || idField === undefined || seen === undefined) {
      yield 'error' in record ? record : { ...record, id: record.line };
      continue;
    }
    const raw = record.value[idField];
    const problem = idProblem(raw);
    if (problem !== undefined) {
      yield {
        index: record.index,
        line: record.line,
        error: {
          code: 'row-missing-id',
          message: `${name}:${record.line}: the id field ${JSON.stringify(idField)} ${problem}; give every row a unique string or number id`,
        },
      };
      continue;
    }
    const id = raw as RowId;
    if (!seen.add(String(id))) {
      yield {
        index: record.index,
        line: record.line,
        id,
        error: {
          code: 'row-duplicate-id',
          message: `${name}:${record.line}: row id ${JSON.stringify(id)} appears earlier in the file; this row is not run. Give it a unique id`,
        },
      };
      continue;
    }
    yield { index: record.index, line: record.line, id, value: record.value };
  }
}

function idProblem(value: unknown): string | undefined {
  if (value === undefined) return 'is missing';
  if (typeof value === 'string') return value.trim() === '' ? 'is empty' : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `is ${String(value)}`;
  return `must be a string or a number, got ${describeValue(value)}`;
}
