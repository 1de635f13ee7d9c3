import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { EmulatorConfigError } from '../faults/emulator-config-error.js';
import { parseFaultsByModel } from '../faults/parse-faults.js';
import { formatPrettyJson } from '../wire/format-json.js';
import type { EmulatorHandle, EmulatorOptions } from './emulator-options.js';
import { EmulatorState } from './emulator-state.js';
import { handleRequest } from './handle-request.js';
import { emulatedModels } from './model-seam.js';

function normaliseBasePath(basePath: string): string {
  if (typeof basePath !== 'string' || /[?#\s]/.test(basePath)) {
    throw new EmulatorConfigError(
      'basePath',
      `expected a URL path such as "/api" or "", got ${JSON.stringify(basePath)}`,
    );
  }
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function wholeNumber(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new EmulatorConfigError(name, `expected a whole number from 0 up, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new EmulatorConfigError(name, `expected a whole number from 1 up, got ${String(value)}`);
  }
  return value;
}

/**
 * Starts a TokenOff (Gemini API v1beta) server on loopback and resolves once it listens.
 *
 * @example
 * const emulator = await startEmulator({ apiKeys: ['test-key'] });
 * // new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: emulator.url } })
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EmulatorConfigError(
      'port',
      `expected a port from 0 to 65535 (0 picks a free one), got ${String(port)}`,
    );
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new EmulatorConfigError(
      'seed',
      `expected a whole number from 0 to 4294967295, got ${String(seed)}`,
    );
  }
  const state = new EmulatorState({
    basePath: normaliseBasePath(options.basePath ?? '/api'),
    apiKeys: new Set(options.apiKeys ?? []),
    seed,
    maxBodyBytes: positiveInteger(options.maxBodyBytes, 20 * 1024 * 1024, 'maxBodyBytes'),
    maxJsonDepth: positiveInteger(options.maxJsonDepth, 100, 'maxJsonDepth'),
    streamChunkChars: positiveInteger(options.streamChunkChars, 200, 'streamChunkChars'),
    separateFinishChunk: options.separateFinishChunk === true,
    maxRecordedRequests: wholeNumber(options.maxRecordedRequests, 10_000, 'maxRecordedRequests'),
    maxRecordedBytes: wholeNumber(options.maxRecordedBytes, 64 * 1024 * 1024, 'maxRecordedBytes'),
    now: options.now ?? Date.now,
    sleep: options.sleep,
    onRequest: options.onRequest,
  });
  const modelIds = emulatedModels.map((model) => model.id);
  state.setFaults(parseFaultsByModel(options.faults ?? {}, 'faults', modelIds));
  if (options.script !== undefined) state.script.add(options.script);

  const sockets = new Set<Socket>();
  const server = createServer(
    { requestTimeout: 300_000, headersTimeout: 60_000, keepAliveTimeout: 5_000 },
    (request, response) => {
      void handleRequest(state, request, response);
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Broken request lines or headers: answer 400 if the socket can still take it, never crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const message = tooLarge
      ? 'Request header fields too large: keep all headers together under 16 KiB.'
      : `Bad Request: the request line or headers could not be parsed (${error.code ?? 'parse error'}).`;
    const body = formatPrettyJson({ error: { code: status, message, status: 'INVALID_ARGUMENT' } });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'another process is listening there; pick another port, or 0 for a free one'
          : error.code === 'EACCES'
            ? 'this user may not bind it; use a port above 1023, or 0 for a free one'
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? 'no interface has that address; use 127.0.0.1 or 0.0.0.0'
              : 'check the host and port';
      reject(
        new EmulatorConfigError(
          'port',
          `cannot listen on ${host}:${port} (${error.code ?? error.message}): ${reason}`,
        ),
      );
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}${state.settings.basePath}`,
    port: boundPort,
    requests: state.requests,
    stats: state.stats,
    setFaults: (faults) => state.setFaults(parseFaultsByModel(faults, 'setFaults', modelIds)),
    script: (entries) => state.script.add(entries),
    clearScript: () => state.script.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
