import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRuns, type RunFiles } from '../index/find-runs.js';
import { readRowTrace } from '../index/row-trace.js';
import { RunIndex } from '../index/run-index.js';
import { UiError } from '../ui-error.js';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  /** The folder whose runs the page shows; nothing outside it is read for a request. */
  folder: string;
  /**
   * Port to listen on; `0` picks a free one.
   * @default 4777
   */
  port?: number;
  /**
   * Interface to bind. Anything but loopback makes the run files readable by the network.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * How long a request waits for the run's files to be read before answering with what is read so far
   * (the page then keeps asking). Small runs answer complete; a 1M-row run paints at once.
   * @default 100
   */
  indexWaitMs?: number;
}

export interface UiServerHandle {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The default port of `tokenflow ui`. */
export const defaultUiPort = 4777;

/**
 * The page's own files: a fixed list, so no request path ever becomes a file path. They are plain ES
 * modules read from the package's `static/` folder (no build step, no CDN).
 */
const staticFiles: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/render.js': 'render.js',
  '/waterfall.js': 'waterfall.js',
  '/style.css': 'style.css',
};
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const staticFolder = fileURLToPath(new URL('../../static/', import.meta.url));

/** Starts the run viewer's HTTP server over `options.folder`. */
export async function startUiServer(options: UiServerOptions): Promise<UiServerHandle> {
  const folder = resolve(options.folder);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? defaultUiPort;
  const waitMs = options.indexWaitMs ?? 100;
  const indexes = new Map<string, RunIndex>();
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  const allowedHosts = new Set<string>();
  const runs = async (): Promise<RunFiles[]> => {
    const found = await findRuns(folder).catch((error: unknown) => {
      throw new UiError(
        'ui-folder-missing',
        `Cannot read the run folder ${folder}; give a folder that exists (the one holding your run's output files)`,
        { folder },
        { cause: error },
      );
    });
    for (const files of found) if (!indexes.has(files.id)) indexes.set(files.id, new RunIndex(files));
    return found;
  };
  await runs();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, { error: 'only GET' });
    }
    // On loopback, only requests addressed to loopback: a web page whose name was rebound to 127.0.0.1
    // (DNS rebinding) sends its own name as Host and must not read the run files.
    if (loopback && !allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      return send(response, 403, { error: 'this server answers requests for 127.0.0.1 and localhost only' });
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const staticName = staticFiles[url.pathname];
    if (staticName) {
      const body = await readFile(`${staticFolder}${staticName}`);
      response.writeHead(200, {
        'content-type': contentTypes[staticName.slice(staticName.lastIndexOf('.') + 1)] ?? 'text/plain',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    if (url.pathname === '/api/runs') {
      const found = await runs();
      const summaries = await Promise.all(found.map((files) => indexes.get(files.id)?.summary(waitMs)));
      return send(response, 200, { folder, runs: summaries });
    }
    // /api/run?id=<run id>[&failed=<offset>][&row=<row id>]: ids travel as query values, never as paths.
    if (url.pathname === '/api/run') {
      await runs();
      const index = indexes.get(url.searchParams.get('id') ?? '');
      if (!index) return send(response, 404, { error: 'no such run in this folder' });
      const row = url.searchParams.get('row');
      if (row !== null) {
        const trace = await readRowTrace(
          index.files.trace,
          index.traceLineOffsets,
          row,
          index.rowTraceLine(row),
        );
        return trace
          ? send(response, 200, trace)
          : send(response, 404, { error: `no trace of row ${row} (run with --trace to record one)` });
      }
      const failed = url.searchParams.get('failed');
      if (failed !== null) {
        const offset = Math.max(0, Number.parseInt(failed, 10) || 0);
        const limit = Math.min(
          200,
          Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '50', 10) || 50),
        );
        return send(response, 200, { offset, ...(await index.failedRows(offset, limit, waitMs)) });
      }
      return send(response, 200, await index.summary(waitMs));
    }
    return send(response, 404, { error: 'not found' });
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      rejectListen(
        error.code === 'EADDRINUSE'
          ? new UiError(
              'ui-port-in-use',
              `Port ${port} on ${host} is already in use by another program; pick another with --port <n> (0 picks a free one)`,
              { port, host },
              { cause: error },
            )
          : new UiError(
              'ui-listen-failed',
              `Cannot listen on ${host}:${port} (${error.code ?? error.message}); check --host and --port`,
              { port, host },
              { cause: error },
            ),
      );
    });
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  for (const name of ['127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${name}:${address.port}`);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () => closeServer(server),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
