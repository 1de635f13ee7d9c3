import { beforeAll, describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';
import { pumpingServer } from './test-support/pumping-server.js';
import { failure } from './test-support/standard-contract.js';
import { transports } from './test-support/transports.js';

const key = 'tk-live-9QzX4wTbK7';
const servers = serversClosedAfterEach();

/** A server whose answer never ends: `piece()` again and again until the client hangs up (pumping-server.ts). */
function endlessServer(status: number, contentType: string, piece: (index: number) => string) {
  return pumpingServer(servers, { status, contentType, piece, path: '/api' });
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
