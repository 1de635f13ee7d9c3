import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One request/response, without following redirects. */
export interface HopResult {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** The `Location` header of a redirect (3xx), still unresolved. */
  location?: string;
  /** The (decompressed) body, at most `maxBytes`; absent for HEAD and redirects. */
  body?: Buffer;
  /** Whether the body was cut at `maxBytes`. */
  truncated: boolean;
}

/** What {@link fetchHop} needs besides the URL. */
export interface HopOptions {
  method: 'GET' | 'HEAD';
  lookup: LookupFunction;
  signal: AbortSignal;
  maxBytes: number;
  userAgent: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Sends one request with `node:http`/`node:https`, connecting through the guarded `lookup`, with no
 * connection pooling (each hop connects, and is checked, afresh) and no automatic redirects. Reads at
 * most `maxBytes` of the decompressed body, so a compressed bomb cannot fill memory.
 */
export function fetchHop(url: URL, options: HopOptions): Promise<HopResult> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: options.method,
      lookup: options.lookup,
      signal: options.signal,
      agent: false,
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/json,text/plain;q=0.9,*/*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const base = {
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: response.headers,
        truncated: false,
      };
      const location = response.headers.location;
      if (redirectStatuses.has(base.status) && location !== undefined) {
        response.destroy();
        resolve({ ...base, location });
        return;
      }
      if (options.method === 'HEAD') {
        response.destroy();
        resolve(base);
        return;
      }
      readCapped(response, options.maxBytes).then((read) => resolve({ ...base, ...read }), reject);
    });
    request.end();
  });
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
): Promise<{ body: Buffer; truncated: boolean }> {
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = maxBytes - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    response.destroy();
    if (stream !== response) stream.destroy();
  }
  return { body: Buffer.concat(chunks, size), truncated };
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}
