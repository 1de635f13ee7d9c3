import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ChatTokenOff } from './chat-tokenoff.js';
import { serversClosedAfterEach } from './test-support/closing-servers.js';
import { failure } from './test-support/standard-contract.js';

const key = 'tk-live-SECRET-transport-7';
const servers = serversClosedAfterEach();

const answer = JSON.stringify({
  candidates: [{ content: { role: 'model', parts: [{ text: 'pong' }] }, finishReason: 'STOP' }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
});

/** A loopback server: `handle` answers; it counts requests and TCP connections. */
async function countingServer(handle: (response: ServerResponse) => void) {
  const counts = { requests: 0, connections: 0 };
  const server = createServer((request, response) => {
    counts.requests += 1;
    request.resume();
    request.on('end', () => handle(response));
  });
  server.on('connection', () => {
    counts.connections += 1;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, counts };
}

const answering = (response: ServerResponse) =>
  response.writeHead(200, { 'content-type': 'application/json' }).end(answer);

function chat(baseUrl: string, options: object = {}) {
  return new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: key, baseUrl, maxRetries: 0, ...options });
}

describe('how ChatTokenOff sends', () => {
  it('sends with undici by default and keeps its connections open for the next calls', async () => {
    const server = await countingServer(answering);
    const model = chat(server.url);
    for (let call = 0; call < 6; call++) expect((await model.invoke(`call ${call}`)).content).toBe('pong');
    expect(server.counts.requests).toBe(6);
    // A connection is handed back to the pool just after its answer is read, so the next call may open a
    // second one (fetch does the same); after that they take turns.
    expect(server.counts.connections).toBeLessThanOrEqual(2);
  });

  it('sends every request through the fetch option when one is given', async () => {
    const server = await countingServer(answering);
    const seen: string[] = [];
    const model = chat(server.url, {
      fetch: (input: string | URL | Request, init?: RequestInit) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    expect((await model.invoke('ping')).content).toBe('pong');
    expect(seen).toEqual([`${server.url}/v1beta/models/gemini-2.5-flash:generateContent`]);
  });

  it('does not follow a redirect: it says where it pointed, without the key, and what to set', async () => {
    const elsewhere = await countingServer(answering);
    const redirecting = await countingServer((response) =>
      response.writeHead(307, { location: `${elsewhere.url}/v1beta?key=${key}` }).end(),
    );
    const error = await failure(chat(redirecting.url).invoke('ping'));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 307, model: 'gemini-2.5-flash' });
    expect(error.message).toContain(`with a redirect (HTTP 307 to ${elsewhere.url}/v1beta?key=`);
    expect(error.message).toContain('Set TOKENOFF_BASE_URL');
    expect(error.message).not.toContain(key);
    expect(elsewhere.counts.requests).toBe(0);
  });
});
