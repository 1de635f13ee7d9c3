import type { BatchRowMeta } from './batch-row-meta.js';
import type { RowErrorInfo } from './input-record.js';
import type { RowId } from './read-input-rows.js';

/**
 * A line of the output file:
 * `{"id":"a1","line":2,"output":{…},"meta":{"models":["gemini-2.5-flash"],"calls":1,"attempts":1,"retries":0,"fallbacks":0,"usage":{…},"costUsd":0.00012,"latencyMs":840}}`
 */
export interface BatchOutputLine<Output = unknown> {
  id: RowId;
  line: number;
  output: Output;
  meta: BatchRowMeta;
}

/**
 * A line of the errors file. `id` is null when the row has no usable id; `meta` is present when the
 * row reached the processor (it may have cost tokens before failing).
 * `{"id":"a7","line":8,"error":{"code":"row-invalid","message":"data.jsonl:8: …"}}`
 */
export interface BatchErrorLine {
  id: RowId | null;
  line: number;
  error: RowErrorInfo & { kind?: string };
  meta?: BatchRowMeta;
}

/** Serialises an output line; throws when the output is not JSON-serialisable. */
export function formatOutputLine(line: BatchOutputLine): string {
  return `${JSON.stringify({ id: line.id, line: line.line, output: line.output ?? null, meta: line.meta })}\n`;
}

export function formatErrorLine(line: BatchErrorLine): string {
  return `${JSON.stringify(line)}\n`;
}
