import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';
import { createManualClock, type ManualClock } from './test-support/manual-clock.js';
import { failure } from './test-support/standard-contract.js';
import { transports } from './test-support/transports.js';

const key = 'tk-live-SECRET-timeouts-3';
const servers = serversClosedAfterEach();

/** A loopback server that hands each request to the test and reports its arrival. */
async function holdingServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; arrived: () => Promise<void> }> {
  let onRequest: (() => void) | undefined;
  const server = createServer((request, response) => {
    request.resume();
    handle(request, response);
    onRequest?.();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    arrived: () =>
      new Promise<void>((resolve) => {
        onRequest = resolve;
      }),
  };
}

function chat(url: string, clock: ManualClock, options: object = {}) {
  return new ChatTokenOff({
    model: 'gemini-2.5-flash',
    apiKey: key,
    baseUrl: url,
    maxRetries: 0,
    clock,
    ...sending,
    ...options,
  });
}

const chunk = (text: string) =>
  `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] } }] })}\r\n\r\n`;

/** How the ChatTokenOffs of the block running now send (see test-support/transports.ts). */
let sending: Partial<ChatTokenOffInput> = {};

describe.each(transports)('over $name', ({ options }) => {
  beforeAll(() => {
    sending = options;
  });

  describe('quiet-time limits (first byte, idle)', () => {
    it('defaults to 2 minutes for the headers and 30 seconds between body chunks', () => {
      const model = new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key });
      expect(model.firstByteTimeoutMs).toBe(120_000);
      expect(model.idleTimeoutMs).toBe(30_000);
    });

    it('fails a server that never sends headers as timeout after firstByteTimeoutMs, not before', async () => {
      const clock = createManualClock();
      const server = await holdingServer(() => undefined);
      const arrived = server.arrived();
      let settled = false;
      const call = failure(chat(server.url, clock).invoke('hello')).finally(() => {
        settled = true;
      });
      await arrived;
      clock.advance(119_999);
      // Let the watchdog's wake-up (its timers are capped at the 30 s idle limit) check and sleep again.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      clock.advance(1);
      const error = await call;
      expect(error).toMatchObject({ kind: 'timeout', retryable: true, model: 'gemini-2.5-flash' });
      expect(error.message).toContain('no response headers within 2m (firstByteTimeoutMs)');
      expect(error.message).toContain('raise `firstByteTimeoutMs`');
    });

    it('fails a stream that goes quiet after its first chunk as timeout after idleTimeoutMs', async () => {
      const clock = createManualClock();
      const server = await holdingServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(chunk('Once upon a time'));
      });
      const model = chat(server.url, clock, { idleTimeoutMs: 5_000 });
      const chunks: string[] = [];
      const error = await failure(
        (async () => {
          for await (const part of await model.stream('A story, please.')) {
            chunks.push(part.text);
            // The first chunk is here: the server now says nothing, and 5 s pass.
            clock.advance(5_000);
          }
        })(),
      );
      expect(chunks).toEqual(['Once upon a time']);
      expect(error).toMatchObject({ kind: 'timeout', retryable: true });
      expect(error.message).toContain('the answer went quiet for 5s (idleTimeoutMs)');
    });

    it('does not cut a stream whose chunks keep coming, however long it runs in total', async () => {
      const clock = createManualClock();
      let response: ServerResponse | undefined;
      const server = await holdingServer((_request, held) => {
        response = held;
        held.writeHead(200, { 'content-type': 'text/event-stream' });
        held.write(chunk('0'));
      });
      const model = chat(server.url, clock, { idleTimeoutMs: 5_000, firstByteTimeoutMs: 5_000 });
      const texts: string[] = [];
      for await (const part of await model.stream('Count.')) {
        texts.push(part.text);
        if (texts.length === 10) {
          response?.end(
            `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }] })}\r\n\r\n`,
          );
          continue;
        }
        if (texts.length > 10) continue;
        // 4 s of quiet before each next chunk: 40 s in all, never 5 s in a row.
        clock.advance(4_000);
        response?.write(chunk(String(texts.length)));
      }
      expect(texts.slice(0, 10)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    });

    it('lets 0 turn a limit off', async () => {
      const clock = createManualClock();
      const server = await holdingServer(() => undefined);
      const arrived = server.arrived();
      const controller = new AbortController();
      const call = failure(
        chat(server.url, clock, { firstByteTimeoutMs: 0 }).invoke('hello', { signal: controller.signal }),
      );
      await arrived;
      expect(clock.pending).toBe(0);
      controller.abort();
      expect((await call).kind).toBe('aborted');
    });
  });
});
