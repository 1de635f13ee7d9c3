import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { recordedFixturesDir } from '@tokenflow/emulator';

/** One canned HTTP answer: status, headers, and the body as exact bytes (or pieces written in turn). */
export interface ReplayAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Written in order; a function gets the raw socket to cut it. */
  body: (string | Buffer | ((socket: import('node:net').Socket) => void))[];
}

/** A request the replay server received, with its raw headers (keys included: this is a test server). */
export interface ReplayRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ReplayServer {
  /** Base URL with the `/api` prefix, as TokenOff's. */
  url: string;
  requests: ReplayRequest[];
  /** Queues answers, served one per request in order. */
  answer(...answers: ReplayAnswer[]): void;
  close(): Promise<void>;
}

/**
 * A tiny `node:http` server that answers each request with the next queued answer, byte for byte. Used to
 * replay recorded Gemini traffic and to see the exact headers a client sends.
 */
export async function startReplayServer(): Promise<ReplayServer> {
  const queue: ReplayAnswer[] = [];
  const requests: ReplayRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const next = queue.shift();
      if (!next) {
        response.writeHead(500, { 'content-type': 'text/plain' }).end('replay server: no answer queued');
        return;
      }
      response.writeHead(next.status, next.headers ?? {});
      response.flushHeaders();
      for (const piece of next.body) {
        if (typeof piece === 'function') {
          piece(response.socket as import('node:net').Socket);
          return;
        }
        response.write(piece);
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    answer: (...answers) => queue.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a recorded exchange's `.meta.json` says. */
export interface FixtureMeta {
  http_status: number;
  response_content_type?: string;
  streaming: boolean;
  raw_body_bytes?: boolean;
  model?: string;
}

/**
 * A recorded exchange as a replay answer. Re-serialized stream chunks (one compact JSON per line, no
 * `data: ` prefix) are framed as SSE the way the real API frames them; raw captures are served verbatim.
 */
export function recordedAnswer(name: string): { answer: ReplayAnswer; meta: FixtureMeta; body: string } {
  const meta = JSON.parse(
    readFileSync(join(recordedFixturesDir, `${name}.meta.json`), 'utf8'),
  ) as FixtureMeta;
  let body = readFileSync(join(recordedFixturesDir, `${name}.response.txt`), 'utf8');
  if (meta.streaming && !body.startsWith('data:')) {
    body = body
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `data: ${line}\r\n\r\n`)
      .join('');
  }
  const contentType = meta.streaming
    ? 'text/event-stream'
    : (meta.response_content_type ?? 'application/json; charset=UTF-8');
  return {
    answer: { status: meta.http_status, headers: { 'content-type': contentType }, body: [body] },
    meta,
    body,
  };
}
