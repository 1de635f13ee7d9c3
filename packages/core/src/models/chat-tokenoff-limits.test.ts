import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';
import { failure } from './test-support/standard-contract.js';
import { transports } from './test-support/transports.js';

const key = 'tk-live-9QzX4wTbK7';
const servers = serversClosedAfterEach();

/**
 * A loopback server that answers every request with `status` and a body that never ends: `piece()` written
 * again and again as fast as the client reads (backpressure), until the client hangs up. `closed` resolves
 * with the bytes written when the client has dropped the connection.
 */
async function endlessServer(
  status: number,
  contentType: string,
  piece: (index: number) => string,
): Promise<{ url: string; closed: Promise<number> }> {
  let reportClosed: (bytes: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    reportClosed = resolve;
  });
  const server = createServer((request, response: ServerResponse) => {
    request.resume();
    response.writeHead(status, { 'content-type': contentType });
    let written = 0;
    let index = 0;
    let open = true;
    response.on('close', () => {
      open = false;
      reportClosed(written);
    });
    const pump = () => {
      while (open) {
        const data = piece(index++);
        written += Buffer.byteLength(data);
        if (!response.write(data)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, closed };
}

function chat(url: string, options: object = {}) {
  return new ChatTokenOff({
    model: 'gemini-2.5-flash',
    apiKey: key,
    baseUrl: url,
    maxRetries: 0,
    ...sending,
    ...options,
  });
}

const sseChunk = (index: number) =>
  `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: `word ${index} `.repeat(50) }] } }] })}\r\n\r\n`;

/** How the ChatTokenOffs of the block running now send (see test-support/transports.ts). */
let sending: Partial<ChatTokenOffInput> = {};

describe.each(transports)('over $name', ({ options }) => {
  beforeAll(() => {
    sending = options;
  });

  describe('size caps on what ChatTokenOff reads', () => {
    it('caps answers at 32 MB and error bodies at 64 KB by default', async () => {
      const server = await endlessServer(500, 'text/plain', () => 'x'.repeat(16_384));
      const error = await failure(chat(server.url).invoke('hi'));
      expect(error.message).toContain('error body cut at 64 KB (limits.maxErrorBodyBytes)');
      await server.closed;
    });

    it('reads an endless 500 body only up to maxErrorBodyBytes, then classifies it as server', async () => {
      const server = await endlessServer(500, 'text/plain', () => 'upstream exploded '.repeat(100));
      const error = await failure(chat(server.url, { limits: { maxErrorBodyBytes: 4_096 } }).invoke('hi'));
      expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true });
      expect(error.message).toContain('error body cut at 4 KB (limits.maxErrorBodyBytes)');
      expect(error.message).toContain('upstream exploded');
      const written = await server.closed;
      expect(written).toBeGreaterThan(4_096);
    });

    it('stops an endless stream at maxAnswerBytes as truncated, naming the cap and how to raise it', async () => {
      const server = await endlessServer(200, 'text/event-stream', sseChunk);
      const model = chat(server.url, { limits: { maxAnswerBytes: 1_048_576 } });
      let received = 0;
      const error = await failure(
        (async () => {
          for await (const part of await model.stream('Talk forever.')) received += part.text.length;
        })(),
      );
      expect(received).toBeGreaterThan(0);
      expect(error).toMatchObject({ kind: 'truncated', retryable: false, reason: 'ANSWER_TOO_LARGE' });
      expect(error.message).toContain('passed the 1 MB cap (limits.maxAnswerBytes)');
      expect(error.message).toContain('raise limits.maxAnswerBytes');
      await server.closed;
    });

    it('stops an endless unary answer at maxAnswerBytes the same way', async () => {
      const server = await endlessServer(200, 'application/json', (index) =>
        index === 0 ? '{"candidates":[{"content":{"parts":[{"text":"' : 'a'.repeat(16_384),
      );
      const error = await failure(chat(server.url, { limits: { maxAnswerBytes: 262_144 } }).invoke('hi'));
      expect(error).toMatchObject({ kind: 'truncated', reason: 'ANSWER_TOO_LARGE' });
      expect(error.message).toContain('passed the 256 KB cap (limits.maxAnswerBytes)');
      await server.closed;
    });
  });
});
