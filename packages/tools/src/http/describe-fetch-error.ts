import { AddressRefusedError } from './guarded-lookup.js';

/** A readable sentence for anything a fetch hop threw, naming the URL and what to do. */
export function describeFetchError(
  thrown: unknown,
  url: URL,
  context: { timedOut: boolean; timeoutMs: number },
): string {
  if (thrown instanceof AddressRefusedError) {
    return `Refused ${url.href}: ${thrown.message}; only public addresses can be fetched.`;
  }
  if (context.timedOut)
    return `${url.href} did not answer within ${context.timeoutMs} ms; try again later or another URL.`;
  const error = thrown as NodeJS.ErrnoException;
  if (error.name === 'AbortError') return `fetching ${url.href} was cancelled.`;
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${url.hostname} could not be found (DNS); check the spelling of the URL.`;
    case 'ECONNREFUSED':
      return `${url.host} refused the connection; the server may be down.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${url.host} closed the connection unexpectedly; try again later.`;
    default:
      if (typeof error.code === 'string' && /^Z_|BROTLI/.test(error.code)) {
        return `${url.href} sent a compressed body that could not be decompressed (${error.code}).`;
      }
      if (typeof error.code === 'string' && /CERT|SSL|TLS/.test(error.code)) {
        return `the TLS certificate of ${url.host} was not accepted (${error.code}).`;
      }
      return `fetching ${url.href} failed: ${error.message ?? String(thrown)}.`;
  }
}
