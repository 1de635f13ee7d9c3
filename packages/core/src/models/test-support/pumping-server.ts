import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PumpingServerOptions {
  /** @default 200 */
  status?: number;
  contentType: string;
  /** The body's `index`-th piece. */
  piece: (index: number) => string;
  /** How many pieces make the body; without it the body never ends (until the client hangs up). */
  pieces?: number;
  /** @default '/' */
  path?: string;
}

/**
 * A loopback server that answers every request with `status` and a body of `pieces` pieces written as fast
 * as the client reads (backpressure). `closed` resolves with the bytes written once the (first) connection
 * is gone, whether the body ended or the client hung up; `requests` counts the requests that came. Push it
 * into `servers` (see closing-servers.ts), which closes it after the test.
 */
export async function pumpingServer(
  servers: Server[],
  options: PumpingServerOptions,
): Promise<{ url: string; closed: Promise<number>; requests: () => number }> {
  const pieces = options.pieces ?? Number.POSITIVE_INFINITY;
  let reportClosed: (bytes: number) => void = () => undefined;
  let requests = 0;
  const closed = new Promise<number>((resolve) => {
    reportClosed = resolve;
  });
  const server = createServer((request, response) => {
    request.resume();
    requests += 1;
    response.writeHead(options.status ?? 200, { 'content-type': options.contentType });
    let written = 0;
    let index = 0;
    let open = true;
    response.on('close', () => {
      open = false;
      reportClosed(written);
    });
    const pump = () => {
      while (open && index < pieces) {
        const data = options.piece(index);
        index += 1;
        written += Buffer.byteLength(data);
        if (index === pieces) response.end(data);
        else if (!response.write(data)) {
          response.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${options.path ?? '/'}`, closed, requests: () => requests };
}
