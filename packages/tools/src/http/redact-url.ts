/**
 * A URL as it may be shown in answers and errors: any user name or password is replaced by `***`, so a
 * credential in a URL (from the model or from a server's redirect) is never repeated.
 * @example redactUrl('http://user:secret@example.com/') // 'http://***@example.com/'
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:[/\\]*)[^/?#\\]*@/, '$1***@');
}
