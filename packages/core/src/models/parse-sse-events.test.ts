import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedFixturesDir } from '@tokenflow/emulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSseEvents, type SseEvent } from './parse-sse-events.js';

/** A body stream that delivers `bytes` cut at the given offsets. */
function streamOf(bytes: Uint8Array, cuts: number[] = []): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(start, point));
    start = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function eventsOf(text: string | Uint8Array, cuts: number[] = []): Promise<SseEvent[]> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const events: SseEvent[] = [];
  for await (const event of parseSseEvents(streamOf(bytes, cuts))) events.push(event);
  return events;
}

/** The SSE grammar applied to the whole text at once: the oracle for chunked parsing. */
function referenceEvents(text: string): SseEvent[] {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines.pop() ?? '';
  const events: SseEvent[] = [];
  let data: string[] = [];
  const dataOf = (line: string) => line.slice(line.startsWith('data: ') ? 6 : 5);
  for (const line of lines) {
    if (line === '') {
      if (data.length > 0) events.push({ data: data.join('\n'), terminated: true });
      data = [];
    } else if (line.startsWith('data:')) data.push(dataOf(line));
  }
  if (last.startsWith('data:')) data.push(dataOf(last));
  if (data.length > 0) events.push({ data: data.join('\n'), terminated: false });
  return events;
}

const recorded = readFileSync(
  join(recordedFixturesDir, '004-sse-multichunk-long-text-gemini-2.5-flash.response.txt'),
);

describe('parseSseEvents', () => {
  it('reads the recorded 12-chunk Gemini stream into its JSON events', async () => {
    const events = await eventsOf(recorded);
    expect(events).toHaveLength(12);
    for (const event of events) {
      expect(event.terminated).toBe(true);
      expect(() => JSON.parse(event.data)).not.toThrow();
    }
  });

  it('gives the same events however the bytes are split, even inside a UTF-8 character or a CRLF', async () => {
    const whole = await eventsOf(recorded);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: recorded.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          expect(await eventsOf(recorded, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads any stream of lines and terminators as the SSE grammar says, however it is cut', async () => {
    const line = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((text) => `data: ${text}`),
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((text) => `data:${text}`),
      fc.constantFrom('', '', ': keep-alive', 'event: message', 'id: 7', 'data', 'retry: 10'),
    );
    const terminator = fc.constantFrom('\n', '\r', '\r\n');
    // A last line without its terminator covers a connection cut mid-event.
    const stream = fc
      .tuple(fc.array(fc.tuple(line, terminator), { maxLength: 30 }), fc.boolean())
      .map(([lines, cutShort]) => {
        const text = lines.map(([content, end]) => content + end).join('');
        return cutShort ? text.replace(/(\r\n|\r|\n)$/, '') : text;
      });
    await fc.assert(
      fc.asyncProperty(
        stream.chain((text) => {
          const bytes = new TextEncoder().encode(text);
          return fc.tuple(
            fc.constant(text),
            fc.constant(bytes),
            fc.array(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 20 }),
          );
        }),
        async ([text, bytes, cuts]) => {
          const whole = referenceEvents(text);
          expect(await eventsOf(bytes)).toEqual(whole);
          expect(await eventsOf(bytes, cuts)).toEqual(whole);
          expect(await eventsOf(bytes, [...bytes.keys()])).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a 50 MB event sent in 64 KiB chunks in one pass over the bytes', async () => {
    // The suite's 30 s timeout is the bound here, not a speed assertion: a parser that rescans everything
    // received so far on each chunk needed over two minutes for this event; one that scans each chunk once
    // needs a fraction of a second.
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const chunks = 800;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      // Each chunk arrives in its own turn of the event loop, as from a socket, so a slow parser hits the
      // test timeout instead of holding the loop until it is done.
      async pull(controller) {
        await new Promise((resolve) => setImmediate(resolve));
        if (sent === 0) controller.enqueue(new TextEncoder().encode('data: "'));
        if (sent < chunks) controller.enqueue(chunk);
        else {
          controller.enqueue(new TextEncoder().encode('"\r\n\r\n'));
          controller.close();
        }
        sent += 1;
      },
    });
    const events: SseEvent[] = [];
    for await (const event of parseSseEvents(body)) events.push(event);
    expect(events).toHaveLength(1);
    expect(events[0]?.terminated).toBe(true);
    expect(events[0]?.data.length).toBe(chunks * chunk.length + 2);
    expect(events[0]?.data.startsWith('"xxx')).toBe(true);
    expect(events[0]?.data.endsWith('xxx"')).toBe(true);
  });

  it('accepts LF and CR framing, no space after "data:", and multi-line data', async () => {
    expect(await eventsOf('data:{"a":1}\n\ndata: {"b":2}\r\rdata: {"c":\ndata: 3}\n\n')).toEqual([
      { data: '{"a":1}', terminated: true },
      { data: '{"b":2}', terminated: true },
      { data: '{"c":\n3}', terminated: true },
    ]);
  });

  it('skips comments and other fields instead of stalling on them', async () => {
    expect(
      await eventsOf(': keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata: {"x":1}\r\n\r\nretry: 10\r\n\r\n'),
    ).toEqual([{ data: '{"x":1}', terminated: true }]);
  });

  it('marks a last event cut before its blank line as unterminated', async () => {
    expect(await eventsOf('data: {"a":1}\r\n\r\ndata: {"b":')).toEqual([
      { data: '{"a":1}', terminated: true },
      { data: '{"b":', terminated: false },
    ]);
  });

  it('rejects once, where it is awaited, when the body errors', async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(new TextEncoder().encode('data: {"a":1}\n\n'));
        else controller.error(new TypeError('terminated'));
      },
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of parseSseEvents(body)) seen.push(event.data);
      })(),
    ).rejects.toThrow('terminated');
    expect(seen).toEqual(['{"a":1}']);
  });
});
