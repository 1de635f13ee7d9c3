import { TokenflowError } from '@tokenflow/core';
import ipaddr from 'ipaddr.js';

/** Which addresses `http_fetch` may connect to beyond the public internet. */
export interface AddressPolicyOptions {
  /**
   * Allow loopback addresses (`127.0.0.0/8`, `::1`): a server on this machine. Off by default because
   * a model that can reach localhost can reach admin panels and databases; tests turn it on.
   * @default false
   */
  allowLoopback?: boolean;
  /**
   * Addresses or CIDR ranges allowed even though they are not public, e.g. one intranet server.
   * Checked before any refusal, so list only what the agent really needs.
   * @default []
   * @example `allowAddresses: ['10.20.0.0/16', 'fd12:3456::/32']`
   */
  allowAddresses?: readonly string[];
}

/** Returns why an address is refused, or `undefined` when a connection to it is allowed. */
export type AddressPolicy = (address: string) => string | undefined;

const metadataAddresses = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2']);

const rangeWords: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  private: 'a private network address',
  reserved: 'a reserved or documentation address',
  uniqueLocal: 'a unique-local (private) IPv6 address',
  ipv4Mapped: 'an IPv4-mapped or IPv4-compatible IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
};

/**
 * Builds the check `http_fetch` applies to every address it is about to connect to: after DNS, on
 * every redirect hop. Only public unicast addresses pass by default; loopback, private, link-local,
 * CGNAT, metadata, multicast, unspecified, reserved, IPv4-mapped/compatible and tunnel IPv6 addresses,
 * and NAT64 addresses that embed a non-public IPv4 address, are refused.
 * @example
 * const policy = createAddressPolicy({ allowAddresses: ['10.0.0.0/8'] });
 * policy('10.1.2.3'); // undefined: allowed
 * policy('127.0.0.1'); // '127.0.0.1 is a loopback address (this machine)'
 */
export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allowed = (options.allowAddresses ?? []).map(parseRange);
  return (address) => {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return `${address} is not an IP address`;
    }
    if (allowed.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) {
      return undefined;
    }
    const refusal = refusalFor(parsed, options.allowLoopback === true);
    return refusal === undefined ? undefined : `${address} is ${refusal}`;
  };
}

function refusalFor(address: ipaddr.IPv4 | ipaddr.IPv6, allowLoopback: boolean): string | undefined {
  const normalized = address.toNormalizedString();
  const text = address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toString() : normalized;
  if (metadataAddresses.has(text)) return 'a cloud metadata address';
  const range = address.range();
  if (range === 'loopback' && allowLoopback) return undefined;
  if (address.kind() === 'ipv4') {
    return range === 'unicast' ? undefined : (rangeWords[range] ?? `in the special range "${range}"`);
  }
  const ipv6 = address as ipaddr.IPv6;
  if (range === 'rfc6052') {
    // 64:ff9b::/96 carries an IPv4 address in its last 32 bits; the local-use 64:ff9b:1::/48 is private.
    const [a, b, c, d, e, f] = ipv6.parts;
    if (a !== 0x64 || b !== 0xff9b || c !== 0 || d !== 0 || e !== 0 || f !== 0)
      return 'a local-use NAT64 address';
    const embedded = ipaddr.fromByteArray(ipv6.toByteArray().slice(12));
    const inner = refusalFor(embedded, false);
    return inner === undefined ? undefined : `a NAT64 address for ${embedded.toString()}, which is ${inner}`;
  }
  if (range !== 'unicast') return rangeWords[range] ?? `in the special IPv6 range "${range}"`;
  // Only 2000::/3 is global unicast today; anything else is unassigned or special.
  return ((ipv6.parts[0] ?? 0) & 0xe000) === 0x2000 ? undefined : 'not a global unicast IPv6 address';
}

function parseRange(range: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    if (range.includes('/')) return ipaddr.parseCIDR(range);
    const address = ipaddr.parse(range);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch (cause) {
    throw new TokenflowError(
      'tool_options_invalid',
      `http_fetch option allowAddresses has \`${range}\`, which is not an IP address or CIDR range; ` +
        'write it like `10.20.0.0/16` or `fd12:3456::/32`.',
      { cause },
    );
  }
}
