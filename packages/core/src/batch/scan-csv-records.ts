import { createReadStream } from 'node:fs';

/** Where scanning starts: a byte offset at the start of a line, and that line's 1-based number. */
export interface CsvScanStart {
  offset: number;
  line: number;
}

/**
 * One CSV record as found in the file, or why it is broken. `line` is the line the record starts on.
 * A broken record that ran over lines carries `resumeAt`, the start of its second line: the lines it
 * swallowed are read again from there, so a stray quote costs one row, never the rows after it.
 */
export type ScannedCsvRecord =
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'too-long'; line: number }
  | { kind: 'bad-quote'; line: number; field: number; problem: string; resumeAt?: CsvScanStart };

/**
 * Every record of a CSV file, in order. After a broken quote that ran over lines, scanning starts again
 * at the broken record's second line, so each line of the file is a record, part of a record's quoted
 * field, blank, or the first line of a broken record: none goes missing without a report.
 */
export async function* scanCsvFile(
  path: string,
  maxRecordBytes: number,
  chunkBytes?: number,
): AsyncGenerator<ScannedCsvRecord> {
  let from: CsvScanStart | undefined = { offset: 0, line: 1 };
  while (from) {
    const start: CsvScanStart = from;
    from = undefined;
    for await (const scanned of scanCsvRecords(path, start, maxRecordBytes, chunkBytes)) {
      yield scanned;
      if (scanned.kind === 'bad-quote' && scanned.resumeAt) {
        from = scanned.resumeAt;
        break;
      }
    }
  }
}

const quote = 0x22;
const comma = 0x2c;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

const fieldStart = 0;
const unquoted = 1;
const quoted = 2;
/** Inside a quoted field, just after a quote: `""` (a literal quote) or the field's end. */
const quoteSeen = 3;
const quoteSeenCarriageReturn = 4;
/** The rest of a line whose record is already reported as broken. */
const skipLine = 5;

/**
 * Splits a CSV file (RFC 4180, `\n` or `\r\n` line ends) into records, a chunk at a time, counting lines
 * exactly (a newline inside a quoted field is a line too). A quote inside an unquoted field is kept as a
 * character (`12" pizza`). A quoted field must end with a quote followed by a comma or the end of the line;
 * anything else, or a quote still open at the end of the file, makes the record `bad-quote`, reported at
 * the line where it starts. Blank lines are not records.
 */
export async function* scanCsvRecords(
  path: string,
  start: CsvScanStart,
  maxRecordBytes: number,
  /** Bytes per read; tests make it small to put chunk edges everywhere. */
  chunkBytes = 64 * 1024,
): AsyncGenerator<ScannedCsvRecord> {
  let state = fieldStart;
  let line = start.line;
  let fields: string[] = [];
  let pieces: Buffer[] = [];
  let lastFieldQuoted = false;
  let recordLine = line;
  let recordOffset = start.offset;
  /** Offset of the record's second line, once a quoted field has carried it past its first. */
  let secondLineOffset = -1;
  let quotedField = 0;
  let tooLong = false;

  const beginRecord = (offset: number): void => {
    fields = [];
    pieces = [];
    lastFieldQuoted = false;
    recordLine = line;
    recordOffset = offset;
    secondLineOffset = -1;
    tooLong = false;
    state = fieldStart;
  };
  const keep = (piece: Buffer, endOffset: number): void => {
    if (!tooLong && endOffset - recordOffset > maxRecordBytes) {
      tooLong = true;
      pieces = [];
    }
    if (!tooLong && piece.length > 0) pieces.push(piece);
  };
  const endField = (isQuoted: boolean): void => {
    fields.push(tooLong ? '' : Buffer.concat(pieces).toString('utf8'));
    pieces = [];
    lastFieldQuoted = isQuoted;
  };
  /** The record that a line feed (or the end of the file) just ended; undefined for a blank line. */
  const endRecord = (): ScannedCsvRecord | undefined => {
    const last = fields.at(-1) ?? '';
    if (!lastFieldQuoted && last.endsWith('\r')) fields[fields.length - 1] = last.slice(0, -1);
    if (fields.length === 1 && fields[0] === '' && !lastFieldQuoted) return undefined;
    if (tooLong) return { kind: 'too-long', line: recordLine };
    return { kind: 'record', line: recordLine, fields };
  };
  const badQuote = (problem: string): ScannedCsvRecord => ({
    kind: 'bad-quote',
    line: recordLine,
    field: quotedField,
    problem,
    ...(secondLineOffset >= 0 ? { resumeAt: { offset: secondLineOffset, line: recordLine + 1 } } : {}),
  });

  let offset = start.offset;
  for await (const chunk of createReadStream(path, {
    start: start.offset,
    highWaterMark: chunkBytes,
  }) as AsyncIterable<Buffer>) {
    let i = 0;
    if (offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    let pieceStart = state === unquoted || state === quoted ? 0 : -1;
    for (; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      switch (state) {
        case fieldStart:
          if (byte === quote) {
            state = quoted;
            quotedField = fields.length + 1;
            pieceStart = i + 1;
          } else if (byte === comma) {
            endField(false);
          } else if (byte === lineFeed) {
            endField(false);
            line += 1;
            const record = endRecord();
            beginRecord(offset + i + 1);
            if (record) yield record;
          } else {
            state = unquoted;
            pieceStart = i;
          }
          break;
        case unquoted:
          if (byte === comma || byte === lineFeed) {
            keep(chunk.subarray(pieceStart, i), offset + i);
            endField(false);
            state = fieldStart;
            if (byte === lineFeed) {
              line += 1;
              const record = endRecord();
              beginRecord(offset + i + 1);
              if (record) yield record;
            }
          }
          break;
        case quoted:
          if (byte === quote) {
            keep(chunk.subarray(pieceStart, i), offset + i);
            state = quoteSeen;
          } else if (byte === lineFeed) {
            line += 1;
            if (secondLineOffset < 0) secondLineOffset = offset + i + 1;
          }
          break;
        case quoteSeen:
        case quoteSeenCarriageReturn:
          if (byte === quote && state === quoteSeen) {
            state = quoted;
            pieceStart = i;
          } else if (byte === comma && state === quoteSeen) {
            endField(true);
            state = fieldStart;
          } else if (byte === carriageReturn && state === quoteSeen) {
            state = quoteSeenCarriageReturn;
          } else if (byte === lineFeed) {
            endField(true);
            line += 1;
            const record = endRecord();
            beginRecord(offset + i + 1);
            if (record) yield record;
          } else {
            const broken = badQuote(
              `that closes at line ${line} with a quote followed by ${describeByte(state === quoteSeen ? byte : carriageReturn)}, not by a comma or the end of the line`,
            );
            yield broken;
            if (broken.kind === 'bad-quote' && broken.resumeAt) return;
            state = skipLine;
          }
          break;
        default:
          if (byte === lineFeed) {
            line += 1;
            beginRecord(offset + i + 1);
          }
      }
    }
    if (state === unquoted || state === quoted) keep(Buffer.from(chunk.subarray(pieceStart)), offset + i);
    offset += chunk.length;
  }
  if (state === quoted) {
    yield badQuote('that is never closed (the file ends inside it)');
    return;
  }
  if (state === skipLine || (state === fieldStart && fields.length === 0)) return;
  endField(state === quoteSeen || state === quoteSeenCarriageReturn);
  const record = endRecord();
  if (record) yield record;
}

function describeByte(byte: number): string {
  if (byte === carriageReturn) return 'a carriage return';
  if (byte >= 0x20 && byte < 0x7f) return JSON.stringify(String.fromCharCode(byte));
  return byte >= 0x80 ? 'a non-ASCII character' : `the control character 0x${byte.toString(16)}`;
}
