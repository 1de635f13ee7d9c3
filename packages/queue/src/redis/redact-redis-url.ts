/**
 * A Redis URL fit for messages and logs: the user name and password (which Redis URLs carry as
 * `redis://user:password@host:port`) are replaced by `***`. A value that is not a URL at all is not echoed
 * (it may be a password pasted in the wrong place); only its kind is named.
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (parsed.username !== '') parsed.username = '***';
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
