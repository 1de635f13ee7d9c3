import { createReadStream } from 'node:fs';
import { describeValue } from '../errors/describe-value.js';
import { defaultMaxLineBytes, type InputReadOptions, type InputRecord } from './input-record.js';

const newline = 0x0a;

/**
 * Streams the rows of a JSONL file: one JSON object per line, blank lines skipped. The file is read a
 * chunk at a time and only as fast as the caller asks for rows, so memory does not grow with the file.
 * A line that is not JSON, or not an object, becomes an error record carrying its line number; reading
 * goes on with the next line.
 */
export async function* readJsonlRecords(
  path: string,
  options: InputReadOptions = {},
): AsyncGenerator<InputRecord> {
  const maxLineBytes = options.maxLineBytes ?? defaultMaxLineBytes;
  const name = options.displayName ?? path;
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let tooLong = false;
  let lineNumber = 0;
  let index = 0;
  let first = true;

  const finishLine = (): InputRecord | undefined => {
    lineNumber += 1;
    const bytes = pieceBytes;
    const buffer = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, pieceBytes);
    pieces = [];
    pieceBytes = 0;
    if (tooLong) {
      tooLong = false;
      return {
        index: index++,
        line: lineNumber,
        error: {
          code: 'row-line-too-long',
          message: `${name}:${lineNumber}: the line is longer than ${maxLineBytes} bytes; shorten it or raise input.maxLineBytes`,
        },
      };
    }
    let text = buffer.toString('utf8', 0, bytes);
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.trim() === '') return undefined;
    return parseLine(text, lineNumber, index++, name);
  };

  const stream = createReadStream(path);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(newline, start);
      const stop = end === -1 ? chunk.length : end;
      if (!tooLong) {
        if (pieceBytes + (stop - start) > maxLineBytes) {
          tooLong = true;
          pieces = [];
          pieceBytes = 0;
        } else if (stop > start) {
          pieces.push(chunk.subarray(start, stop));
          pieceBytes += stop - start;
        }
      }
      if (end === -1) break;
      const record = finishLine();
      if (record) yield record;
      start = end + 1;
    }
    // Keep no reference to the whole chunk: copy the tail of an unfinished line.
    if (pieces.length > 0 && pieces[pieces.length - 1]?.buffer === chunk.buffer) {
      pieces[pieces.length - 1] = Buffer.from(pieces[pieces.length - 1] as Buffer);
    }
  }
  if (pieceBytes > 0 || tooLong) {
    const record = finishLine();
    if (record) yield record;
  }
}

function parseLine(text: string, line: number, index: number, name: string): InputRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      index,
      line,
      error: {
        code: 'row-malformed-json',
        message: `${name}:${line}: the line is not valid JSON (${reason}); fix or remove the line, then run again`,
      },
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      index,
      line,
      error: {
        code: 'row-not-an-object',
        message: `${name}:${line}: expected a JSON object on each line, got ${describeValue(value)}`,
      },
    };
  }
  return { index, line, value: value as Record<string, unknown> };
}
