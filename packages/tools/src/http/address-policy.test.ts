import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';

describe('the default address policy', () => {
  const policy = createAddressPolicy();

  it.each([
    ['127.0.0.1', 'a loopback address (this machine)'],
    ['127.8.9.10', 'a loopback address (this machine)'],
    ['10.0.0.1', 'a private network address'],
    ['172.16.5.4', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['169.254.1.1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['192.0.2.1', 'a reserved or documentation address'],
    ['::1', 'a loopback address (this machine)'],
    ['::', 'an unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fc00::1', 'a unique-local (private) IPv6 address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['::127.0.0.1', 'an IPv4-mapped or IPv4-compatible IPv6 address'],
    ['64:ff9b::a00:1', 'a NAT64 address for 10.0.0.1, which is a private network address'],
    ['64:ff9b::7f00:1', 'a NAT64 address for 127.0.0.1, which is a loopback address (this machine)'],
    ['64:ff9b::a9fe:a9fe', 'a NAT64 address for 169.254.169.254, which is a cloud metadata address'],
    ['64:ff9b:1::a00:1', 'a local-use NAT64 address'],
    ['2002:a00:1::', 'a 6to4 tunnel address'],
    ['2001::1', 'a Teredo tunnel address'],
    ['4000::1', 'not a global unicast IPv6 address'],
  ])('refuses %s as %s', (address, reason) => {
    expect(policy(address)).toBe(`${address} is ${reason}`);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(policy(address)).toBeUndefined();
    },
  );

  it('refuses something that is not an address at all', () => {
    expect(policy('localhost')).toBe('localhost is not an IP address');
  });
});

describe('opting in to more addresses', () => {
  it('allows loopback with allowLoopback, and nothing else private', () => {
    const policy = createAddressPolicy({ allowLoopback: true });
    expect(policy('127.0.0.1')).toBeUndefined();
    expect(policy('::1')).toBeUndefined();
    expect(policy('10.0.0.1')).toBe('10.0.0.1 is a private network address');
    expect(policy('::ffff:127.0.0.1')).toBe(
      '::ffff:127.0.0.1 is an IPv4-mapped or IPv4-compatible IPv6 address',
    );
  });

  it('allows exactly the listed addresses and ranges', () => {
    const policy = createAddressPolicy({ allowAddresses: ['10.20.0.0/16', '127.0.0.1', 'fd12:3456::/32'] });
    expect(policy('10.20.9.9')).toBeUndefined();
    expect(policy('127.0.0.1')).toBeUndefined();
    expect(policy('fd12:3456::1')).toBeUndefined();
    expect(policy('10.21.0.1')).toBe('10.21.0.1 is a private network address');
    expect(policy('127.0.0.2')).toBe('127.0.0.2 is a loopback address (this machine)');
  });

  it('says what is wrong with a range it cannot read', () => {
    expect(() => createAddressPolicy({ allowAddresses: ['10.0.0.0/99'] })).toThrow(
      'http_fetch option allowAddresses has `10.0.0.0/99`, which is not an IP address or CIDR range; write it like `10.20.0.0/16` or `fd12:3456::/32`.',
    );
  });
});
