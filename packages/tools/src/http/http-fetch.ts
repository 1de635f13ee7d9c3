import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { errorResult } from '../shared/error-result.js';
import { type AddressPolicyOptions, createAddressPolicy } from './address-policy.js';
import { bodyToText } from './body-to-text.js';
import { checkUrl, type UrlPolicyOptions } from './check-url.js';
import { describeFetchError } from './describe-fetch-error.js';
import { fetchHop, type HopResult } from './fetch-hop.js';
import { createGuardedLookup, type HostResolver, systemResolver } from './guarded-lookup.js';
import { httpFetchOptionsSchema } from './http-fetch-options-schema.js';
import { redactUrl } from './redact-url.js';

/** Options for {@link httpFetch}: which URLs and addresses are allowed, and limits. */
export interface HttpFetchOptions extends UrlPolicyOptions, AddressPolicyOptions {
  /**
   * The most redirects followed; every hop is checked like the first URL.
   * @default 5
   */
  maxRedirects?: number;
  /**
   * Time for the whole fetch, redirects included, in milliseconds.
   * @default 15_000
   */
  timeoutMs?: number;
  /**
   * The most body bytes downloaded (after decompression); the rest is not read.
   * @default 2_000_000
   */
  maxBytes?: number;
  /**
   * The most characters of text returned to the model; longer text is cut and the answer says so.
   * @default 20_000
   */
  maxTextChars?: number;
  /**
   * The `User-Agent` header sent.
   * @default 'tokenflow-http-fetch/0.1'
   */
  userAgent?: string;
  /**
   * Resolves host names before connecting; every answer is checked against the address policy.
   * @default the system resolver (`dns.lookup`)
   */
  lookup?: HostResolver;
}

const httpFetchSchema = z.object({
  url: z.string().describe('The full http or https URL to fetch, e.g. "https://example.com/page".'),
  method: z
    .enum(['GET', 'HEAD'])
    .optional()
    .describe('GET (default) returns the content; HEAD returns only the status and headers.'),
});

/**
 * `http_fetch`: GETs (or HEADs) a public web page and returns its status, content type and text (HTML
 * turned into readable text). Safe against SSRF by default: every address is checked when connecting,
 * after DNS, on every redirect hop, so loopback, private, link-local, CGNAT, metadata, multicast,
 * IPv4-mapped IPv6 and similar addresses are refused, as are odd IP spellings, credentials in URLs,
 * non-http schemes and ports other than 80/443.
 * @example
 * const tool = httpFetch({ allowHosts: ['*.wikipedia.org'] });
 * await tool.invoke({ url: 'https://en.wikipedia.org/wiki/Tokenization' });
 */
export function httpFetch(options: HttpFetchOptions = {}): ReadableErrorTool<typeof httpFetchSchema> {
  const addressPolicy = createAddressPolicy(options);
  const lookup = createGuardedLookup(options.lookup ?? systemResolver, addressPolicy);
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 2_000_000;
  const maxTextChars = options.maxTextChars ?? 20_000;
  const userAgent = options.userAgent ?? 'tokenflow-http-fetch/0.1';
  const hosts =
    options.allowHosts === undefined
      ? ''
      : ` Only these hosts can be fetched: ${options.allowHosts.join(', ')}.`;
  return defineTool({
    name: 'http_fetch',
    description:
      'Fetch a public web page or API URL with GET (or HEAD) and return its status, content type and text; ' +
      `HTML is turned into readable text. Text longer than ${maxTextChars} characters is cut. Addresses on ` +
      `private networks or this machine, non-http(s) URLs and URLs with credentials are refused.${hosts}`,
    schema: httpFetchSchema,
    run: async ({ url, method = 'GET' }, callerSignal) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = callerSignal === undefined ? timeout : AbortSignal.any([callerSignal, timeout]);
      let current = url;
      const visited: string[] = [];
      for (let hop = 0; ; hop += 1) {
        const check = checkUrl(current, options, addressPolicy);
        if (!check.ok) {
          const where =
            hop === 0
              ? `Refused ${redactUrl(current)}`
              : `Refused the redirect from ${visited.at(-1)} to ${redactUrl(current)}`;
          return errorResult(`${where}: ${check.reason}.`);
        }
        visited.push(check.url.href);
        let result: HopResult;
        try {
          result = await fetchHop(check.url, { method, lookup, signal, maxBytes, userAgent });
        } catch (thrown) {
          return errorResult(describeFetchError(thrown, check.url, { timedOut: timeout.aborted, timeoutMs }));
        }
        if (result.location === undefined)
          return formatAnswer(result, visited, method, maxTextChars, maxBytes);
        if (hop === maxRedirects) {
          return errorResult(
            `stopped after ${maxRedirects} redirects (${visited.join(' -> ')}); fetch the last URL directly if it is right.`,
          );
        }
        const next = redirectTarget(result.location, check.url);
        if (next === undefined) {
          return errorResult(
            `${check.url.href} redirected to an invalid URL (${JSON.stringify(redactUrl(result.location))}).`,
          );
        }
        current = next;
      }
    },
  });
}

/**
 * The next URL as written, so the next hop's checks see the host spelled the way the server wrote it
 * (`http://0x7f.1/` must not be normalized into `127.0.0.1` before it is checked).
 */
function redirectTarget(location: string, base: URL): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(location)) return location;
  // `//host/` and its backslash variants are scheme-relative for http(s).
  if (/^[/\\]{2}/.test(location)) return `${base.protocol}//${location.slice(2)}`;
  try {
    return new URL(location, base).href;
  } catch {
    return undefined;
  }
}

function formatAnswer(
  result: HopResult,
  visited: string[],
  method: string,
  maxTextChars: number,
  maxBytes: number,
): string {
  const contentType = String(result.headers['content-type'] ?? '');
  const finalUrl = visited.at(-1) ?? '';
  const redirects = visited.length - 1;
  const lines = [
    `URL: ${finalUrl}${redirects > 0 ? ` (after ${redirects} redirect${redirects > 1 ? 's' : ''} from ${visited[0]})` : ''}`,
    `Status: ${result.status} ${result.statusText}`.trim(),
    `Content-Type: ${contentType || '(none)'}`,
  ];
  if (method === 'HEAD' || result.body === undefined) {
    const length = result.headers['content-length'];
    if (length !== undefined) lines.push(`Content-Length: ${length}`);
    return lines.join('\n');
  }
  const body = bodyToText(result.body, contentType);
  lines.push(
    `Length: ${result.body.length} bytes${result.truncated ? ` (download stopped at the ${maxBytes}-byte limit)` : ''}`,
  );
  const cut = body.text.length > maxTextChars;
  const text = cut ? body.text.slice(0, maxTextChars) : body.text;
  const note = cut ? `\n\n[http_fetch: text cut at ${maxTextChars} of ${body.text.length} characters]` : '';
  return `${lines.join('\n')}\n\n${text}${note}`;
}

/** Registry entry for `http_fetch`. */
export const httpFetchFactory: ToolFactory<z.output<typeof httpFetchOptionsSchema>> = {
  name: 'http_fetch',
  summary: 'GET/HEAD a public URL and return its text; SSRF-safe (checked after DNS, on every redirect).',
  options: httpFetchOptionsSchema,
  create: (options) => httpFetch(options),
};
