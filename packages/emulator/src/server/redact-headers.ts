import type { IncomingHttpHeaders } from 'node:http';

const secretHeaders = new Set(['x-goog-api-key', 'authorization', 'proxy-authorization', 'cookie']);

/** Headers as a flat record with every secret value replaced by `[redacted]`. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (!secretHeaders.has(name)) {
      result[name] = text;
    } else if (name === 'authorization' && /^Bearer\s/i.test(text)) {
      result[name] = 'Bearer [redacted]';
    } else {
      result[name] = '[redacted]';
    }
  }
  return result;
}

/** Query parameters as a record, with `key` redacted. */
export function redactQuery(query: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of query) result[name] = name === 'key' ? '[redacted]' : value;
  return result;
}
