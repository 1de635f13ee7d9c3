/** One server-sent event's `data`, and whether its blank-line terminator arrived. */
export interface SseEvent {
  data: string;
  /** False only for a last event the connection cut before its blank line. */
  terminated: boolean;
}

/**
 * Reads `text/event-stream` bytes into events, following the SSE grammar (any of `\r\n`, `\n`, `\r` ends a
 * line; a blank line ends an event; `data:` lines join with `\n`; comments and other fields are skipped).
 * Unlike the stock Gemini SDK it never stalls on a comment or a multi-line event, and it owns the reader:
 * no tee, so a failed stream rejects exactly once, here, where the caller awaits it.
 *
 * Work is linear in the body size: each decoded chunk is scanned once, and a line that spans chunks is kept
 * as a list of pieces joined once when its terminator arrives (a 50 MB event costs one pass, not one pass
 * per chunk over everything received so far).
 */
export async function* parseSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const lines = new SseLineSplitter();
  let dataLines: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const line of lines.push(text)) {
        if (line === '') {
          if (dataLines.length > 0) yield { data: dataLines.join('\n'), terminated: true };
          dataLines = [];
        } else if (line.startsWith('data:')) {
          dataLines.push(dataValue(line));
        }
      }
      if (done) break;
    }
    const rest = lines.rest();
    if (rest.startsWith('data:')) dataLines.push(dataValue(rest));
    if (dataLines.length > 0) yield { data: dataLines.join('\n'), terminated: false };
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function dataValue(line: string): string {
  return line.slice(line.startsWith('data: ') ? 6 : 5);
}

const LF = 10;
const CR = 13;

/**
 * Cuts decoded text into lines as it arrives. A `\r` ends its line at once; a `\n` right after it (even in
 * the next chunk) is the rest of the same `\r\n` and is skipped, so no chunk needs to be looked at twice.
 */
class SseLineSplitter {
  /** The unfinished line so far, one piece per chunk it spans. */
  private pieces: string[] = [];
  private skipLineFeed = false;

  /** The lines that `text` completes, in order. */
  push(text: string): string[] {
    const complete: string[] = [];
    let start = 0;
    if (this.skipLineFeed && text.length > 0) {
      this.skipLineFeed = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    for (let i = start; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      this.pieces.push(text.slice(start, i));
      complete.push(this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join(''));
      this.pieces = [];
      if (code === CR) {
        if (i + 1 === text.length) this.skipLineFeed = true;
        else if (text.charCodeAt(i + 1) === LF) i += 1;
      }
      start = i + 1;
    }
    if (start < text.length) this.pieces.push(text.slice(start));
    return complete;
  }

  /** The last line, which the stream ended without a terminator (empty when there is none). */
  rest(): string {
    return this.pieces.join('');
  }
}
