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
 */
export async function* parseSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let dataLines: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let lineEnd = findLineEnd(buffer, done);
      while (lineEnd) {
        const line = buffer.slice(0, lineEnd.index);
        buffer = buffer.slice(lineEnd.index + lineEnd.length);
        if (line === '') {
          if (dataLines.length > 0) yield { data: dataLines.join('\n'), terminated: true };
          dataLines = [];
        } else if (line.startsWith('data:')) {
          dataLines.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        lineEnd = findLineEnd(buffer, done);
      }
      if (done) break;
    }
    if (buffer.startsWith('data:')) dataLines.push(buffer.slice(buffer.startsWith('data: ') ? 6 : 5));
    if (dataLines.length > 0) yield { data: dataLines.join('\n'), terminated: false };
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The first line terminator in `buffer`. A lone `\r` at the very end may be the first half of `\r\n`, so it
 * only counts once the stream is done.
 */
function findLineEnd(buffer: string, done: boolean): { index: number; length: number } | undefined {
  for (let i = 0; i < buffer.length; i++) {
    const char = buffer[i];
    if (char === '\n') return { index: i, length: 1 };
    if (char === '\r') {
      if (i + 1 < buffer.length) return { index: i, length: buffer[i + 1] === '\n' ? 2 : 1 };
      return done ? { index: i, length: 1 } : undefined;
    }
  }
  return undefined;
}
