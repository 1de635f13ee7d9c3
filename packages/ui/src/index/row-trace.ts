import { AppendedLines } from './appended-lines.js';
import { attributesOf, nanosToMs, type OtlpSpan, spansOfLine } from './otlp-span.js';
import { readLinesAt } from './read-line-at.js';

/** One bar of the waterfall: a span of the row's subtree, in depth-first order. */
export interface WaterfallSpan {
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  depth: number;
  /** Milliseconds from the row span's start. */
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  statusMessage: string | undefined;
  attributes: Record<string, unknown>;
  events: { name: string; atMs: number; attributes: Record<string, unknown> }[];
}

export interface RowTrace {
  rowId: string;
  spans: WaterfallSpan[];
}

/**
 * Lines read back from a row span's line: the exporter writes spans as they end, in batches, so a row's
 * children are in its line or the few before it (a batch holds 512 spans).
 */
const linesBack = 4;

/**
 * The waterfall of one row: its `row` span and everything under it. `lineIndex` is where the row span is
 * (the index knows it for failed rows); without it the trace file is scanned until the row span shows up.
 */
export async function readRowTrace(
  tracePath: string,
  lineOffsets: readonly number[],
  rowId: string,
  lineIndex: number | undefined,
): Promise<RowTrace | undefined> {
  const index = lineIndex ?? (await scanForRow(tracePath, lineOffsets, rowId));
  if (index === undefined) return undefined;
  const from = Math.max(0, index - linesBack);
  const offsets = lineOffsets.slice(from, index + 2);
  const spans: OtlpSpan[] = [];
  for (const text of await readLinesAt(tracePath, offsets, 64 << 20)) {
    try {
      spans.push(...spansOfLine(text));
    } catch {
      // A corrupt line was already counted as skipped by the index.
    }
  }
  const root = spans.find((span) => span.name === 'row' && rowIdOf(span) === rowId);
  if (!root) return undefined;
  const children = new Map<string, OtlpSpan[]>();
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    const list = children.get(span.parentSpanId) ?? [];
    list.push(span);
    children.set(span.parentSpanId, list);
  }
  const origin = nanosToMs(root.startTimeUnixNano);
  const result: WaterfallSpan[] = [];
  const visit = (span: OtlpSpan, depth: number): void => {
    const start = nanosToMs(span.startTimeUnixNano);
    result.push({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      name: span.name,
      depth,
      startMs: start - origin,
      durationMs: Math.max(0, nanosToMs(span.endTimeUnixNano) - start),
      status: span.status?.code === 2 ? 'error' : span.status?.code === 1 ? 'ok' : 'unset',
      statusMessage: span.status?.message,
      attributes: attributesOf(span.attributes),
      events: (span.events ?? []).map((event) => ({
        name: event.name,
        atMs: nanosToMs(event.timeUnixNano) - origin,
        attributes: attributesOf(event.attributes),
      })),
    });
    const below = (children.get(span.spanId) ?? []).sort((a, b) =>
      a.startTimeUnixNano.length !== b.startTimeUnixNano.length
        ? a.startTimeUnixNano.length - b.startTimeUnixNano.length
        : a.startTimeUnixNano.localeCompare(b.startTimeUnixNano),
    );
    for (const child of below) visit(child, depth + 1);
  };
  visit(root, 0);
  return { rowId, spans: result };
}

function rowIdOf(span: OtlpSpan): string | undefined {
  const value = attributesOf(span.attributes)['tokenflow.row.id'];
  return value === undefined ? undefined : String(value);
}

async function scanForRow(
  tracePath: string,
  lineOffsets: readonly number[],
  rowId: string,
): Promise<number | undefined> {
  // A cheap text test first: only lines that mention the id are parsed.
  const needle = JSON.stringify(rowId).slice(1, -1);
  let foundOffset: number | undefined;
  const reader = new AppendedLines(
    tracePath,
    (text, offset) => {
      if (foundOffset !== undefined || !text.includes(needle)) return 'ok';
      try {
        if (spansOfLine(text).some((span) => span.name === 'row' && rowIdOf(span) === rowId))
          foundOffset = offset;
      } catch {
        return 'skipped';
      }
      return 'ok';
    },
    () => {},
  );
  await reader.readNew();
  if (foundOffset === undefined) return undefined;
  // The index of that line among the indexed ones (binary search over their offsets).
  let low = 0;
  let high = lineOffsets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = lineOffsets[middle] ?? 0;
    if (value === foundOffset) return middle;
    if (value < foundOffset) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
