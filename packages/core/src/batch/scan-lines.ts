import { createReadStream } from 'node:fs';

/** One line of a file with its byte range; `terminated` is false for a last line with no newline. */
export interface ScannedLine {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just past the line's newline (or past its last byte when not terminated). */
  end: number;
  terminated: boolean;
}

/** Streams the lines of a file with their byte offsets, a chunk at a time. */
export async function* scanLines(path: string): AsyncGenerator<ScannedLine> {
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let offset = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(0x0a, start);
      if (end === -1) {
        if (start < chunk.length) {
          pieces.push(Buffer.from(chunk.subarray(start)));
          pieceBytes += chunk.length - start;
        }
        break;
      }
      pieces.push(chunk.subarray(start, end));
      pieceBytes += end - start;
      const text = Buffer.concat(pieces, pieceBytes).toString('utf8');
      yield { text, start: offset, end: offset + pieceBytes + 1, terminated: true };
      offset += pieceBytes + 1;
      pieces = [];
      pieceBytes = 0;
      start = end + 1;
    }
  }
  if (pieceBytes > 0) {
    yield {
      text: Buffer.concat(pieces, pieceBytes).toString('utf8'),
      start: offset,
      end: offset + pieceBytes,
      terminated: false,
    };
  }
}
