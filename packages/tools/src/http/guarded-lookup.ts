import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
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
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED';

  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to a refused address: ${reason}`);
    this.name = 'AddressRefusedError';
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
          const error: NodeJS.ErrnoException = new Error(
            `${hostname} has no ${wanted ? `IPv${wanted} ` : ''}address`,
          );
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
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
