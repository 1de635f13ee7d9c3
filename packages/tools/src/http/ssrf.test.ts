import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { checkFetchTarget } from './check-fetch-target.js';
import type { HostResolver } from './guarded-lookup.js';
import { httpFetch } from './http-fetch.js';

let redirector: TestServer;
let trap: TestServer;
const publicAddress = '93.184.215.14';

beforeAll(async () => {
  // The trap listens on 127.0.0.2, an address no test allows: any request it records is an escape.
  trap = await startTestServer((_request, response) => response.end('SECRET INTERNAL DATA'), '127.0.0.2');
  redirector = await startTestServer((request, response) => {
    response.statusCode = 302;
    response.setHeader('location', new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '/');
    response.end();
  });
});

afterAll(async () => {
  await redirector.close();
  await trap.close();
});

const answers =
  (table: Record<string, string[]>): HostResolver =>
  async (hostname) =>
    (table[hostname] ?? []).map(
      (address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }),
    );

describe('http_fetch refuses internal addresses by default', () => {
  it('refuses the loopback server without opt-in and never connects to it', async () => {
    const answer = await httpFetch({ allowPorts: 'any' }).invoke({ url: `${trap.url}/` });
    expect(answer).toBe(
      `Error: Refused ${trap.url}/: 127.0.0.2 is a loopback address (this machine); only public addresses can be fetched.`,
    );
    expect(trap.requests).toEqual([]);
  });

  it('refuses a host name that resolves to loopback, after DNS', async () => {
    const tool = httpFetch({ allowPorts: 'any', lookup: answers({ 'intranet.test': ['127.0.0.2'] }) });
    expect(await tool.invoke({ url: `http://intranet.test:${trap.port}/` })).toBe(
      `Error: Refused http://intranet.test:${trap.port}/: intranet.test resolves to a refused address: ` +
        '127.0.0.2 is a loopback address (this machine); only public addresses can be fetched.',
    );
    expect(trap.requests).toEqual([]);
  });

  it('refuses when any of several DNS answers is internal', async () => {
    const tool = httpFetch({
      allowPorts: 'any',
      lookup: answers({ 'mixed.test': [publicAddress, '127.0.0.2'] }),
    });
    expect(await tool.invoke({ url: `http://mixed.test:${trap.port}/` })).toContain(
      'mixed.test resolves to a refused address: 127.0.0.2 is a loopback address',
    );
    expect(trap.requests).toEqual([]);
  });
});

describe('http_fetch checks every redirect hop', () => {
  // Only the redirector's own address is allowed; every target below must be refused.
  const tool = () =>
    httpFetch({
      allowAddresses: ['127.0.0.1'],
      allowPorts: 'any',
      lookup: answers({ 'rebind.test': ['127.0.0.2'], 'mapped.test': ['::ffff:127.0.0.2'] }),
    });

  it.each([
    ['loopback', () => `http://127.0.0.2:${trap.port}/`, '127.0.0.2 is a loopback address (this machine)'],
    [
      'scheme-relative loopback',
      () => `//127.0.0.2:${trap.port}/`,
      '127.0.0.2 is a loopback address (this machine)',
    ],
    [
      'backslash scheme-relative hex',
      () => `\\\\0x7f.0.0.2:${trap.port}/`,
      'is an unusual spelling of the IP address 127.0.0.2',
    ],
    ['IPv6 loopback', () => `http://[::1]:${trap.port}/`, '::1 is a loopback address (this machine)'],
    ['private', () => 'http://10.0.0.1/', '10.0.0.1 is a private network address'],
    ['private', () => 'http://192.168.1.1/', '192.168.1.1 is a private network address'],
    ['CGNAT', () => 'http://100.64.0.1/', '100.64.0.1 is a carrier-grade NAT (shared) address'],
    [
      'metadata',
      () => 'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is a cloud metadata address',
    ],
    ['IPv6 metadata', () => 'http://[fd00:ec2::254]/', 'fd00:ec2::254 is a cloud metadata address'],
    [
      'hex spelling',
      () => `http://0x7f.0.0.2:${trap.port}/`,
      'is an unusual spelling of the IP address 127.0.0.2',
    ],
    [
      'decimal spelling',
      () => `http://2130706434:${trap.port}/`,
      'is an unusual spelling of the IP address 127.0.0.2',
    ],
    ['userinfo trick', () => `http://good.com@127.0.0.2:${trap.port}/`, 'URLs with a user name or password'],
    ['non-http scheme', () => 'file:///etc/passwd', 'the scheme "file:" is not allowed'],
    [
      'name resolving to loopback',
      () => `http://rebind.test:${trap.port}/`,
      'rebind.test resolves to a refused address: 127.0.0.2',
    ],
    [
      'name resolving to IPv4-mapped',
      () => `http://mapped.test:${trap.port}/`,
      'IPv4-mapped or IPv4-compatible IPv6',
    ],
  ])('refuses a redirect to %s', async (_kind, target, reason) => {
    const start = `${redirector.url}/go?to=${encodeURIComponent(target())}`;
    const answer = await tool().invoke({ url: start });
    expect(answer).toMatch(/^Error: Refused (the redirect from|http)/);
    expect(answer).toContain(reason);
    expect(trap.requests).toEqual([]);
  });
});

describe('http_fetch never repeats credentials', () => {
  it('redacts a user name and password from the URL it refuses, also in a redirect', async () => {
    const direct = await httpFetch().invoke({ url: 'http://admin:hunter2@example.com/' });
    expect(direct).toBe(
      'Error: Refused http://***@example.com/: URLs with a user name or password (`user@host`) are refused; remove the part before @.',
    );
    const target = `http://admin:hunter2@127.0.0.2:${trap.port}/`;
    const redirected = await httpFetch({ allowAddresses: ['127.0.0.1'], allowPorts: 'any' }).invoke({
      url: `${redirector.url}/go?to=${encodeURIComponent(target)}`,
    });
    expect(redirected).toContain(`to http://***@127.0.0.2:${trap.port}/: URLs with a user name or password`);
    expect(redirected).not.toContain('admin:hunter2@');
  });
});

describe('http_fetch resists DNS rebinding', () => {
  it('refuses at connect time even though an earlier check of the same name saw a public address', async () => {
    let calls = 0;
    const rebinding: HostResolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? publicAddress : '127.0.0.2', family: 4 }];
    };
    const options = { allowPorts: 'any' as const, lookup: rebinding };
    const url = `http://rebind.test:${trap.port}/`;
    expect(await checkFetchTarget(url, options)).toMatchObject({ ok: true });
    const answer = await httpFetch(options).invoke({ url });
    expect(answer).toBe(
      `Error: Refused ${url}: rebind.test resolves to a refused address: 127.0.0.2 is a loopback address ` +
        '(this machine); only public addresses can be fetched.',
    );
    expect(calls).toBe(2);
    expect(trap.requests).toEqual([]);
  });
});
