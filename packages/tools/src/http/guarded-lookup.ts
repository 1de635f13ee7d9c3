import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { TokenflowError } from '@tokenflow/core';
import type { AddressPolicy } from './address-policy.js';

/**
 * Resolves a host name to addresses. The default is the system resolver (`dns.lookup`, so
 * `/etc/hosts` applies); inject your own to pin names or to test DNS rebinding.
 * @example
 * const lookup: HostResolver = async (host) => [{ address: '93.184.215.14', family: 4 }];
 */
export type HostResolver = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The system resolver, all addresses in the order the system gives them. */
export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Thrown into a connection attempt when DNS gave an address the policy refuses. */
export class AddressRefusedError extends TokenflowError {
  declare readonly code: 'ERR_ADDRESS_REFUSED';

  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super('ERR_ADDRESS_REFUSED', `${hostname} resolves to a refused address: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/**
 * Handed to the connection when DNS gave no address of the family asked for. Its code is Node's own
 * `ENOTFOUND`, so the HTTP client and `describeFetchError` treat it like any failed DNS lookup.
 */
export class HostNotFoundError extends TokenflowError {
  declare readonly code: 'ENOTFOUND';

  constructor(
    readonly hostname: string,
    readonly family: 4 | 6 | undefined,
  ) {
    super('ENOTFOUND', `${hostname} has no ${family ? `IPv${family} ` : ''}address`);
    this.name = 'HostNotFoundError';
  }
}

/**
 * A `lookup` for `node:http`/`node:https` that resolves, then refuses the connection when any answer
 * is an address the policy refuses. Because the check runs inside the connection itself, on the very
 * addresses the socket will use, a DNS answer that changes between an earlier check and the connection
 * (DNS rebinding) cannot slip through.
 */
export function createGuardedLookup(resolver: HostResolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const usable = answers.filter((answer) => wanted === undefined || answer.family === wanted);
        if (usable.length === 0) {
          callback(new HostNotFoundError(hostname, wanted), '', 0);
          return;
        }
        for (const answer of usable) {
          const refusal = policy(answer.address);
          if (refusal !== undefined) {
            callback(new AddressRefusedError(hostname, refusal), '', 0);
            return;
          }
        }
        if (options.all === true) {
          (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, [...usable]);
        } else {
          const first = usable[0] as LookupAddress;
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
