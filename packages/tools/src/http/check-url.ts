import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { matchesHostPattern, normalizeHost } from './host-pattern.js';

/** Which URLs `http_fetch` may request, before any address is looked at. */
export interface UrlPolicyOptions {
  /**
   * When set, only these hosts may be fetched (`example.com`, or `*.example.com` for its subdomains).
   * Redirects must stay within the list too.
   * @default undefined (any public host)
   * @example `allowHosts: ['docs.python.org', '*.wikipedia.org']`
   */
  allowHosts?: readonly string[];
  /**
   * Hosts never fetched, same pattern syntax; wins over `allowHosts`.
   * @default []
   */
  denyHosts?: readonly string[];
  /**
   * Ports that may be used. Non-standard ports are where internal services live, so only the web's
   * default ports pass unless you list more, or pass `'any'`.
   * @default [80, 443]
   * @example `allowPorts: [80, 443, 8443]`
   */
  allowPorts?: readonly number[] | 'any';
}

/** A URL that passed the checks, or why it was refused. */
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const leadingScheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Authority as it was written, before the WHATWG parser normalizes it (`0x7f.1` → `127.0.0.1`).
const writtenAuthority = /^https?:\/\/([^/?#\\]*)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const whitespaceOrControl = /[\s\u0000-\u001f\u007f]/;

/**
 * Checks a URL before anything is connected: http or https only, written in full, no credentials in
 * it, no IP address in an unusual spelling (decimal `2130706433`, octal `0177.0.0.1`, hex `0x7f.1`,
 * short `127.1`, trailing dot), host and port allowed by the lists, and an IP-literal host allowed by
 * the address policy. Hostnames are checked again after DNS, when connecting.
 */
export function checkUrl(input: string, policy: UrlPolicyOptions, addressPolicy: AddressPolicy): UrlCheck {
  if (whitespaceOrControl.test(input)) {
    return refuse('the URL contains whitespace or control characters; percent-encode them');
  }
  const scheme = leadingScheme.exec(input)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return refuse(
      scheme === undefined
        ? 'the URL has no scheme; write it in full, like https://example.com/page'
        : `the scheme "${scheme}:" is not allowed; only http and https URLs can be fetched`,
    );
  }
  const authority = writtenAuthority.exec(input)?.[1];
  if (authority === undefined) return refuse('write the URL in full, like https://example.com/page');
  if (authority.includes('@')) {
    return refuse('URLs with a user name or password (`user@host`) are refused; remove the part before @');
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('it is not a valid URL');
  }
  const host = normalizeHost(url.hostname);
  if (host === '') return refuse('the URL has no host');
  const written = authority.replace(/:\d*$/, '').toLowerCase();
  if (isIP(host) === 4 && written !== host) {
    return refuse(
      `the host "${written}" is an unusual spelling of the IP address ${host}; write ${host} if you mean it`,
    );
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const allowPorts = policy.allowPorts ?? [80, 443];
  if (allowPorts !== 'any' && !allowPorts.includes(port)) {
    return refuse(`port ${port} is not allowed (allowed: ${allowPorts.join(', ')})`);
  }
  const denied = (policy.denyHosts ?? []).find((pattern) => matchesHostPattern(host, pattern));
  if (denied !== undefined) return refuse(`the host ${host} is on the deny list (${denied})`);
  if (
    policy.allowHosts !== undefined &&
    !policy.allowHosts.some((pattern) => matchesHostPattern(host, pattern))
  ) {
    return refuse(`the host ${host} is not on the allow list (${policy.allowHosts.join(', ')})`);
  }
  if (isIP(host) !== 0) {
    const refusal = addressPolicy(host);
    if (refusal !== undefined) return refuse(`${refusal}; only public addresses can be fetched`);
  }
  return { ok: true, url };
}

function refuse(reason: string): UrlCheck {
  return { ok: false, reason };
}
