import type { ServerResponse } from 'node:http';
import type { ErrorAnswer } from '../wire/error-body.js';
import { formatPrettyJson, formatSseEvent } from '../wire/format-json.js';

/**
 * The real API speaks HTTP/2, which has no reason phrase, so clients see an empty `statusText`
 * (SDK messages read `[429 ]`). An empty reason phrase is valid HTTP/1.1 and gives clients the same.
 */
export const reasonPhrase = '';

const commonHeaders = {
  vary: 'Origin, X-Origin, Referer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'x-xss-protection': '0',
  server: 'scaffolding on HTTPServer2',
};

/** Writes a complete JSON body: pretty, `application/json; charset=UTF-8`, with Content-Length. */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = formatPrettyJson(body);
  response.writeHead(status, reasonPhrase, {
    ...commonHeaders,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Writes an error answer; `arrayWrapped` for the `alt=json` stream form (`[{"error": ...}]`). */
export function writeError(response: ServerResponse, answer: ErrorAnswer, arrayWrapped = false): void {
  writeJson(response, answer.status, arrayWrapped ? [answer.body] : answer.body, answer.headers);
}

/** How a stream is framed on the wire. */
export type StreamFraming = 'sse' | 'json-array';

/** Starts a 200 stream with the headers the real API sends for the framing. */
export function startStream(response: ServerResponse, framing: StreamFraming): void {
  response.writeHead(200, reasonPhrase, {
    ...commonHeaders,
    'content-type': framing === 'sse' ? 'text/event-stream' : 'application/json; charset=UTF-8',
    'content-disposition': 'attachment',
    'cache-control': 'no-cache',
  });
  response.flushHeaders();
}

/** One stream element as bytes: an SSE event, or an element of the incrementally written JSON array. */
export function formatStreamElement(framing: StreamFraming, value: unknown, first: boolean): string {
  if (framing === 'sse') return formatSseEvent(value);
  const pretty = JSON.stringify(value, null, 2);
  return first ? `[${pretty}` : `\n,\r\n${pretty}`;
}

/** The bytes that end a stream: nothing for SSE, `\n]` for the JSON array (`[]` when it had no element). */
export function formatStreamEnd(framing: StreamFraming, wroteAny: boolean): string {
  if (framing === 'sse') return '';
  return wroteAny ? '\n]' : '[]';
}
