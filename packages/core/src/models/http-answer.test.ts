import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AttemptController } from '../async/attempt-controller.js';
import type { BodyCaps, HttpSend } from './http-answer.js';
import { sendWithFetch } from './send-with-fetch.js';
import { sendWithUndici } from './send-with-undici.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';
import { pumpingServer } from './test-support/pumping-server.js';

const servers = serversClosedAfterEach();

const sends: readonly { name: string; send: HttpSend }[] = [
  { name: "undici's dispatch API", send: sendWithUndici },
  { name: 'a fetch', send: sendWithFetch((input, init) => fetch(input, init)) },
];

/**
 * A loopback server whose answer comes in two writes, the second only once `second()` is called: the
 * client has then seen the first as a chunk of its own. `first` ends in the middle of a character.
 */
async function twoPartServer(first: Buffer, second: Buffer): Promise<{ url: string; second: () => void }> {
  let sendSecond: () => void = () => undefined;
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(first);
    sendSecond = () => response.end(second);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, second: () => sendSecond() };
}

/** Caps of `maxBytes` that count the chunks read and let the server send its second part after the first. */
function secondPartAfterFirstChunk(
  server: { second: () => void },
  maxBytes: number,
): { caps: BodyCaps; chunks: () => number } {
  let chunks = 0;
  const caps: BodyCaps = {
    maxBytes,
    onChunk() {
      chunks += 1;
      if (chunks === 1) server.second();
    },
    tooLarge: (received) => new Error(`too large after ${received} bytes`),
  };
  return { caps, chunks: () => chunks };
}

describe.each(sends)('an answer read as text over $name', ({ send }) => {
  it('is read whole when it arrives in two chunks, a character split between them included', async () => {
    const text = '{"text":"café au lait"}';
    const bytes = Buffer.from(text, 'utf8');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const server = await twoPartServer(bytes.subarray(0, split), bytes.subarray(split));
    const { caps, chunks } = secondPartAfterFirstChunk(server, 1024);
    const answer = await send(server.url, {
      headers: {},
      body: '{}',
      signal: new AbortController().signal,
    });
    expect(await answer.readCappedText(caps)).toBe(text);
    expect(chunks()).toBeGreaterThanOrEqual(2);
  });

  it('stops at the cap with the caps error, counting every chunk', async () => {
    const bytes = Buffer.from('{"text":"a long enough answer"}', 'utf8');
    const server = await twoPartServer(bytes.subarray(0, 10), bytes.subarray(10));
    const { caps, chunks } = secondPartAfterFirstChunk(server, 12);
    const answer = await send(server.url, {
      headers: {},
      body: '{}',
      signal: new AbortController().signal,
    });
    await expect(answer.readCappedText(caps)).rejects.toThrow(`too large after ${bytes.length} bytes`);
    expect(chunks()).toBe(2);
  });
});

/** A server whose answer is `pieces` pieces of `pieceBytes` bytes (see pumping-server.ts). */
function piecesServer(pieces: number, pieceBytes: number) {
  return pumpingServer(servers, {
    contentType: 'text/event-stream',
    piece: () => 'x'.repeat(pieceBytes),
    pieces,
  });
}

describe.each(sends)('an answer over $name', ({ send }) => {
  it('arrives whole as a stream read slowly (the client pauses and resumes), with no empty chunk', async () => {
    const server = await piecesServer(200, 4_000);
    const answer = await send(server.url, { headers: {}, body: '{}', signal: new AbortController().signal });
    const reader = (answer.webBody() as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    let empty = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (value.byteLength === 0) empty += 1;
      await nextTurn();
    }
    expect({ bytes, empty }).toEqual({ bytes: 800_000, empty: 0 });
  });

  it('rejects with the signal reason when aborted before the answer head', async () => {
    const server = await piecesServer(1, 10);
    const controller = new AbortController();
    controller.abort(new Error('caller stopped'));
    await expect(send(server.url, { headers: {}, body: '{}', signal: controller.signal })).rejects.toThrow(
      'caller stopped',
    );
  });

  it('fails the text being read with the signal reason, and drops the connection', async () => {
    const server = await piecesServer(100_000, 1_000);
    const controller = new AbortController();
    const answer = await send(server.url, { headers: {}, body: '{}', signal: controller.signal });
    const caps: BodyCaps = {
      maxBytes: Number.POSITIVE_INFINITY,
      onChunk: () => controller.abort(new Error('stopped while reading')),
      tooLarge: () => new Error('unreachable'),
    };
    await expect(answer.readCappedText(caps)).rejects.toThrow('stopped while reading');
    expect(await server.closed).toBeLessThan(100_000_000);
  });
});

describe("undici's dispatch", () => {
  // (A fetch frees an unread body when the body is collected: its release does nothing.)
  it('drops the connection of a body released unread', async () => {
    const server = await piecesServer(100_000, 1_000);
    const answer = await sendWithUndici(server.url, {
      headers: {},
      body: '{}',
      signal: new AbortController().signal,
    });
    answer.release();
    expect(await server.closed).toBeLessThan(100_000_000);
  });
});

describe("undici's dispatch under an attempt's own signal", () => {
  it('is aborted through the controller, which it leaves free once the exchange is over', async () => {
    const server = await piecesServer(100_000, 1_000);
    const attempt = new AttemptController();
    const answer = await sendWithUndici(server.url, { headers: {}, body: '{}', signal: attempt.signal });
    // The exchange hangs on the controller: a second listener is refused while it is there.
    expect(attempt.listen({ attemptAborted: () => undefined })).toBe(false);
    const text = answer.readCappedText({
      maxBytes: Number.POSITIVE_INFINITY,
      onChunk: () => attempt.abort(new DOMException('quiet too long', 'TimeoutError')),
      tooLarge: () => new Error('unreachable'),
    });
    await expect(text).rejects.toThrow('quiet too long');
    expect(await server.closed).toBeLessThan(100_000_000);
  });

  it('leaves the controller free when the answer was read to its end', async () => {
    const server = await piecesServer(3, 10);
    const attempt = new AttemptController();
    const answer = await sendWithUndici(server.url, { headers: {}, body: '{}', signal: attempt.signal });
    const caps: BodyCaps = { maxBytes: 1_000, onChunk: () => undefined, tooLarge: () => new Error('no') };
    expect(await answer.readCappedText(caps)).toBe('x'.repeat(30));
    expect(attempt.listen({ attemptAborted: () => undefined })).toBe(true);
  });

  it('is not sent at all when the attempt already aborted', async () => {
    const server = await piecesServer(1, 10);
    const attempt = new AttemptController();
    attempt.abort(new Error('too late'));
    await expect(
      sendWithUndici(server.url, { headers: {}, body: '{}', signal: attempt.signal }),
    ).rejects.toThrow('too late');
    // A request that went out would reach the server before the next one, sent after the rejection.
    const next = await sendWithUndici(server.url, {
      headers: {},
      body: '{}',
      signal: new AbortController().signal,
    });
    const caps: BodyCaps = { maxBytes: 1_000, onChunk: () => undefined, tooLarge: () => new Error('no') };
    expect(await next.readCappedText(caps)).toBe('x'.repeat(10));
    expect(server.requests()).toBe(1);
  });
});
