import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { httpFetch } from './http-fetch.js';

let site: TestServer;
let hangingServer: TestServer;
let hopCount = 0;
const page =
  '<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Refunds</h1>' +
  '<p>Returns are accepted within <b>30 days</b>.</p><a href="/terms">Terms</a><img src="x.png"></body></html>';

beforeAll(async () => {
  site = await startTestServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    switch (url.pathname) {
      case '/page':
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.setHeader('content-length', Buffer.byteLength(page));
        response.end(page);
        return;
      case '/json':
        response.setHeader('content-type', 'application/json');
        response.end('{"ok":true}');
        return;
      case '/redirect':
        response.statusCode = 302;
        response.setHeader('location', to ?? '/page');
        response.end();
        return;
      case '/loop':
        hopCount += 1;
        response.statusCode = 301;
        response.setHeader('location', `/loop?n=${hopCount}`);
        response.end();
        return;
      case '/big':
        response.setHeader('content-type', 'text/plain');
        response.end('x'.repeat(100_000));
        return;
      case '/bomb':
        response.setHeader('content-type', 'text/plain');
        response.setHeader('content-encoding', 'gzip');
        response.end(gzipSync(Buffer.alloc(20_000_000, 'a')));
        return;
      case '/image':
        response.setHeader('content-type', 'image/png');
        response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
        return;
      case '/latin1-page':
        response.setHeader('content-type', 'text/html');
        response.end(
          Buffer.concat([
            Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>caf'),
            Buffer.from([0xe9]),
            Buffer.from('</p></body></html>'),
          ]),
        );
        return;
      case '/latin1':
        response.setHeader('content-type', 'text/plain; charset=iso-8859-1');
        response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      default:
        response.statusCode = 404;
        response.setHeader('content-type', 'text/plain');
        response.end('no such page');
    }
  });
  hangingServer = await startTestServer(() => {
    // Never answers: the request stays open until the client gives up.
  });
});

afterAll(async () => {
  await site.close();
  await hangingServer.close();
});

const local = (extra: Parameters<typeof httpFetch>[0] = {}) =>
  httpFetch({ allowLoopback: true, allowPorts: 'any', ...extra });

describe('http_fetch on an allowed server', () => {
  it('returns status, content type and HTML as readable text without scripts, styles or images', async () => {
    const answer = await local().invoke({ url: `${site.url}/page` });
    expect(answer).toBe(
      `URL: ${site.url}/page\nStatus: 200 OK\nContent-Type: text/html; charset=utf-8\nLength: 191 bytes\n\n` +
        'REFUNDS\n\nReturns are accepted within 30 days.\n\nTerms [/terms]',
    );
  });

  it('returns JSON as it is, and answers HEAD with the status line only', async () => {
    expect(await local().invoke({ url: `${site.url}/json` })).toContain(
      'Content-Type: application/json\nLength: 11 bytes\n\n{"ok":true}',
    );
    expect(await local().invoke({ url: `${site.url}/page`, method: 'HEAD' })).toBe(
      `URL: ${site.url}/page\nStatus: 200 OK\nContent-Type: text/html; charset=utf-8\nContent-Length: 191`,
    );
  });

  it('follows a redirect on the same allowed host and says so', async () => {
    const answer = await local().invoke({ url: `${site.url}/redirect?to=/json` });
    expect(answer).toContain(`URL: ${site.url}/json (after 1 redirect from ${site.url}/redirect?to=/json)`);
  });

  it('connects through a host name when the resolver gives an allowed address', async () => {
    const tool = local({ lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
    const answer = await tool.invoke({ url: `http://docs.test:${site.port}/json` });
    expect(answer).toContain(`URL: http://docs.test:${site.port}/json\nStatus: 200 OK`);
    expect(answer).toContain('{"ok":true}');
  });

  it('returns an error status with its body', async () => {
    expect(await local().invoke({ url: `${site.url}/missing` })).toContain('Status: 404 Not Found');
  });

  it('decodes a declared charset and describes binary content instead of showing it', async () => {
    expect(await local().invoke({ url: `${site.url}/latin1` })).toMatch(/\n\ncafé$/);
    expect(await local().invoke({ url: `${site.url}/latin1-page` })).toMatch(/\n\ncafé$/);
    expect(await local().invoke({ url: `${site.url}/image` })).toContain(
      '(binary content, 8 bytes of image/png; not shown)',
    );
  });
});

describe('http_fetch limits', () => {
  it('stops downloading at maxBytes and cuts the text at maxTextChars', async () => {
    const answer = await local({ maxBytes: 5_000, maxTextChars: 100 }).invoke({ url: `${site.url}/big` });
    expect(answer).toContain('Length: 5000 bytes (download stopped at the 5000-byte limit)');
    expect(answer).toContain(`\n\n${'x'.repeat(100)}\n\n[http_fetch: text cut at 100 of 5000 characters]`);
  });

  it('caps the decompressed size of a gzip bomb', async () => {
    const answer = await local({ maxBytes: 10_000 }).invoke({ url: `${site.url}/bomb` });
    expect(answer).toContain('Length: 10000 bytes (download stopped at the 10000-byte limit)');
  });

  it('stops after maxRedirects', async () => {
    const answer = await local({ maxRedirects: 2 }).invoke({ url: `${site.url}/loop` });
    expect(answer).toMatch(
      /^Error: stopped after 2 redirects \(.*\/loop -> .*\/loop\?n=\d+ -> .*\/loop\?n=\d+\)/,
    );
  });

  it('gives up on a server that never answers, after timeoutMs', async () => {
    const answer = await local({ timeoutMs: 200 }).invoke({ url: `${hangingServer.url}/` });
    expect(answer).toBe(
      `Error: ${hangingServer.url}/ did not answer within 200 ms; try again later or another URL.`,
    );
    // On a loaded machine the timeout may fire before the request is even sent; either way it is the
    // only one (no retry after a timeout).
    expect(hangingServer.requests.length).toBeLessThanOrEqual(1);
    expect(hangingServer.requests.every((request) => request === 'GET /')).toBe(true);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = local().invoke({ url: `${hangingServer.url}/abort` }, { signal: controller.signal });
    controller.abort();
    expect(await pending).toBe(`Error: fetching ${hangingServer.url}/abort was cancelled.`);
  });
});
