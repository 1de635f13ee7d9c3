import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import type { BodyCaps, HttpAnswer, HttpSend } from './http-answer.js';

interface UndiciClient {
  request: typeof import('undici').request;
  agent: Agent;
}

let client: Promise<UndiciClient> | undefined;
/** The client once loaded: later requests take it without awaiting (a request then leaves synchronously). */
let loaded: UndiciClient | undefined;

/**
 * undici, loaded on the first request rather than with the module (it takes ~70 ms to load, which a
 * `tokenflow --help` should not pay), with one keep-alive agent for every model of the process.
 */
function undiciClient(): Promise<UndiciClient> {
  client ??= import('undici')
    .then((undici) => ({
      request: undici.request,
      // The answer watchdog enforces firstByteTimeoutMs and idleTimeoutMs; undici's own 300 s defaults would
      // cut a long thinking call whose user raised those limits.
      agent: new undici.Agent({ headersTimeout: 0, bodyTimeout: 0 }),
    }))
    .then((ready) => {
      loaded = ready;
      return ready;
    });
  return client;
}

/**
 * The default {@link HttpSend}: undici's request API (the HTTP client inside Node's own `fetch`) without
 * the WHATWG layer around it (a Request, a Response, Headers and a web stream per call), which cost
 * about half a millisecond of CPU per call on a 2-core machine (BENCHMARKS.md section 4). Redirects are
 * not followed: an API answers, and following one would carry the key's headers elsewhere.
 */
export const sendWithUndici: HttpSend = async (url, request) => {
  const { request: send, agent } = loaded ?? (await undiciClient());
  const response = await send(url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    dispatcher: agent,
  });
  return undiciAnswer(response);
};

function undiciAnswer(response: Dispatcher.ResponseData): HttpAnswer {
  const { body, headers } = response;
  let web: ReadableStream<Uint8Array> | undefined;
  return {
    status: response.statusCode,
    contentType: headerText(headers['content-type']) ?? '',
    get headers() {
      return flatHeaders(headers);
    },
    hasBody: true,
    webBody: () => {
      web ??= Readable.toWeb(body) as ReadableStream<Uint8Array>;
      return web;
    },
    readCappedText: (caps) => readCappedNodeText(body, caps),
    release: () => {
      if (body.readableEnded || body.destroyed) return;
      // Destroying an unread body errors it; nobody reads it any more, so the error goes nowhere.
      body.on('error', ignore).destroy();
    },
  };
}

/**
 * The whole of a Node body as UTF-8 text, reporting each chunk and stopping past `caps.maxBytes` (the rest
 * is never read: the body is destroyed, which closes its connection). A body that already failed (the
 * request's signal fired before reading began) rejects with its error.
 */
function readCappedNodeText(body: Readable, caps: BodyCaps): Promise<string> {
  return new Promise((resolve, reject) => {
    if (body.destroyed) {
      reject(body.errored ?? new Error('the answer body was closed before it was read'));
      return;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    body.on('data', (chunk: Buffer) => {
      caps.onChunk();
      total += chunk.byteLength;
      if (total > caps.maxBytes) {
        body.on('error', ignore).destroy();
        reject(caps.tooLarge(total));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(chunks, total).toString('utf8')));
    body.once('error', reject);
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = headerText(value);
  return flat;
}

function ignore(): void {}
