import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { BodyCaps, HttpSend } from './http-answer.js';
import { sendWithFetch } from './send-with-fetch.js';
import { sendWithUndici } from './send-with-undici.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';

const servers = serversClosedAfterEach();

const sends: readonly { name: string; send: HttpSend }[] = [
  { name: "undici's request API", send: sendWithUndici },
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
