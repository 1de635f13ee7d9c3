import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';
import { checkUrl } from './check-url.js';

/** Internal IPv4 addresses as 32-bit numbers: loopback, 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10. */
const internalAddress = fc.oneof(
  fc.integer({ min: 0x7f000000, max: 0x7fffffff }),
  fc.integer({ min: 0x0a000000, max: 0x0affffff }),
  fc.integer({ min: 0xac100000, max: 0xac1fffff }),
  fc.integer({ min: 0xc0a80000, max: 0xc0a8ffff }),
  fc.integer({ min: 0xa9fe0000, max: 0xa9feffff }),
  fc.integer({ min: 0x64400000, max: 0x647fffff }),
);

const octets = (value: number) => [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const part = (value: number, base: 'dec' | 'hex' | 'oct') =>
  base === 'hex' ? `0x${value.toString(16)}` : base === 'oct' ? `0${value.toString(8)}` : String(value);

/** Every way WHATWG URL parsing accepts to write an IPv4 address: 1 to 4 parts, each decimal, hex or octal. */
const spelling = fc
  .tuple(
    internalAddress,
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.constantFrom('dec', 'hex', 'oct') as fc.Arbitrary<'dec' | 'hex' | 'oct'>, {
      minLength: 4,
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([value, count, bases, trailingDot]) => {
    const [a = 0, b = 0, c = 0, d = 0] = octets(value);
    const parts =
      count === 1
        ? [value]
        : count === 2
          ? [a, value & 0xffffff]
          : count === 3
            ? [a, b, (c << 8) | d]
            : [a, b, c, d];
    return (
      parts.map((piece, index) => part(piece, bases[index] ?? 'dec')).join('.') + (trailingDot ? '.' : '')
    );
  });

describe('no spelling of an internal IPv4 address gets through checkUrl', () => {
  it('refuses every spelling, by address or by spelling', () => {
    const policy = createAddressPolicy();
    fc.assert(
      fc.property(spelling, fc.constantFrom('http', 'https', 'HTTP'), (host, scheme) => {
        expect(checkUrl(`${scheme}://${host}/`, {}, policy).ok).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });

  it('refuses every non-canonical spelling even when the address itself is allowed', () => {
    const policy = createAddressPolicy({ allowAddresses: ['0.0.0.0/0'] });
    fc.assert(
      fc.property(spelling, (host) => {
        const canonical = new URL(`http://${host}/`).hostname;
        const check = checkUrl(`http://${host}/`, {}, policy);
        expect(check.ok).toBe(host === canonical);
      }),
      { numRuns: 3_000 },
    );
  });
});
