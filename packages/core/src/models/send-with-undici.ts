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
  return new UndiciAnswer(response);
};

/**
 * An undici answer. A class rather than an object of closures: one is built per request, and its methods
 * are shared (the closures and getter it replaces were ~0.5 KB per request).
 */
class UndiciAnswer implements HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly hasBody = true;
  readonly #body: Readable;
  readonly #headers: IncomingHttpHeaders;
  #web: ReadableStream<Uint8Array> | undefined;

  constructor(response: Dispatcher.ResponseData) {
    this.status = response.statusCode;
    this.#headers = response.headers;
    this.#body = response.body;
    this.contentType = headerText(response.headers['content-type']) ?? '';
  }

  get headers(): Readonly<Record<string, string | undefined>> {
    return flatHeaders(this.#headers);
  }

  webBody(): ReadableStream<Uint8Array> {
    this.#web ??= Readable.toWeb(this.#body) as ReadableStream<Uint8Array>;
    return this.#web;
  }

  readCappedText(caps: BodyCaps): Promise<string> {
    return readCappedNodeText(this.#body, caps);
  }

  release(): void {
    const body = this.#body;
    if (body.readableEnded || body.destroyed) return;
    // Destroying an unread body errors it; nobody reads it any more, so the error goes nowhere.
    body.on('error', ignore).destroy();
  }
}

/** Where a body being read keeps its reader, so the listeners below are shared functions, not closures. */
const readerOf = Symbol('tokenflow capped reader');

type ReadBody = Readable & { [readerOf]?: CappedNodeReader };

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
    (body as ReadBody)[readerOf] = new CappedNodeReader(caps, resolve, reject);
    body.on('data', onReaderData);
    body.on('end', onReaderEnd);
    body.on('error', onReaderError);
  });
}

/**
 * The state of one body being read. A unary answer is usually one chunk: it is decoded as it is, with no
 * array of chunks and no concatenated copy.
 */
class CappedNodeReader {
  first: Buffer | undefined;
  rest: Buffer[] | undefined;
  total = 0;
  settled = false;

  constructor(
    readonly caps: BodyCaps,
    readonly resolve: (text: string) => void,
    readonly reject: (error: unknown) => void,
  ) {}
}

function onReaderData(this: ReadBody, chunk: Buffer): void {
  const reader = this[readerOf];
  if (reader === undefined || reader.settled) return;
  reader.caps.onChunk();
  reader.total += chunk.byteLength;
  if (reader.total > reader.caps.maxBytes) {
    reader.settled = true;
    this.on('error', ignore).destroy();
    reader.reject(reader.caps.tooLarge(reader.total));
    return;
  }
  if (reader.first === undefined) reader.first = chunk;
  else if (reader.rest === undefined) reader.rest = [reader.first, chunk];
  else reader.rest.push(chunk);
}

function onReaderEnd(this: ReadBody): void {
  const reader = this[readerOf];
  if (reader === undefined || reader.settled) return;
  reader.settled = true;
  const { first, rest } = reader;
  reader.resolve(
    rest !== undefined
      ? Buffer.concat(rest, reader.total).toString('utf8')
      : first === undefined
        ? ''
        : first.toString('utf8'),
  );
}

function onReaderError(this: ReadBody, error: unknown): void {
  const reader = this[readerOf];
  if (reader === undefined || reader.settled) return;
  reader.settled = true;
  reader.reject(error);
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
