import type { IncomingMessage } from 'node:http';

export interface ResolvedApiKey {
  key: string;
  source: 'x-goog-api-key' | 'query' | 'bearer';
}

/** The API key: `x-goog-api-key` first, then `?key=`, then `Authorization: Bearer` (gemini-wire.md 2). */
export function resolveApiKey(request: IncomingMessage, query: URLSearchParams): ResolvedApiKey | undefined {
  const header = request.headers['x-goog-api-key'];
  const headerKey = Array.isArray(header) ? header[0] : header;
  if (headerKey !== undefined && headerKey.trim() !== '')
    return { key: headerKey.trim(), source: 'x-goog-api-key' };
  const queryKey = query.get('key');
  if (queryKey !== null && queryKey.trim() !== '') return { key: queryKey.trim(), source: 'query' };
  const authorization = request.headers.authorization;
  const match = authorization === undefined ? null : /^Bearer\s+(\S.*)$/i.exec(authorization.trim());
  if (match?.[1] !== undefined) return { key: match[1].trim(), source: 'bearer' };
  return undefined;
}
