import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from '../test-support/temp-folder.js';
import { httpFetch } from './http-fetch.js';

let temp: TempFolder;
let server: Server;
let port: number;

beforeAll(async () => {
  temp = await createTempFolder();
  const key = join(temp.path, 'key.pem');
  const cert = join(temp.path, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-days', '1'],
    ],
    { stdio: 'ignore' },
  );
  server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.end('over TLS');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await temp.remove();
});

describe('http_fetch over https', () => {
  it('refuses a certificate that is not trusted, with a readable error', async () => {
    const tool = httpFetch({
      allowLoopback: true,
      allowPorts: 'any',
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(await tool.invoke({ url: `https://localhost:${port}/` })).toBe(
      `Error: the TLS certificate of localhost:${port} was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT).`,
    );
  });
});
