/**
 * Whether a host matches a pattern from `allowHosts`/`denyHosts`: `example.com` matches only itself;
 * `*.example.com` matches any subdomain at any depth (`a.example.com`, `a.b.example.com`) but not
 * `example.com` itself; list both to allow both. Case-insensitive; IPv6 brackets and a trailing dot
 * are ignored.
 */
export function matchesHostPattern(host: string, pattern: string): boolean {
  const name = normalizeHost(host);
  const wanted = normalizeHost(pattern);
  if (wanted.startsWith('*.')) return name.endsWith(wanted.slice(1)) && name.length > wanted.length - 1;
  return name === wanted;
}

/** Lower case, without IPv6 brackets or a trailing dot. */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
