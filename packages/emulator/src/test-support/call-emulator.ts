/** Small helpers for the emulator's own tests: plain fetch calls, the way the seed's curl examples call. */

export const testKey = 'test-key-0123456789';

export function helloBody(text = 'Hello'): string {
  return JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] });
}

/** POSTs a JSON body to `{url}/v1beta/models/{model}:{action}` with a Bearer key. */
export function postModel(
  url: string,
  model: string,
  action: string,
  body: string,
  headers: Record<string, string> = { authorization: `Bearer ${testKey}` },
): Promise<Response> {
  return fetch(`${url}/v1beta/models/${model}:${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Splits an SSE body into its parsed `data:` events, checking the exact framing on the way. */
export function parseSse(text: string): unknown[] {
  if (text === '') return [];
  if (!text.endsWith('\r\n\r\n'))
    throw new Error(`SSE body does not end with \\r\\n\\r\\n: ${JSON.stringify(text.slice(-40))}`);
  return text
    .slice(0, -4)
    .split('\r\n\r\n')
    .map((event) => {
      if (!event.startsWith('data: ') || event.includes('\n')) {
        throw new Error(`not a one-line "data: " event: ${JSON.stringify(event.slice(0, 80))}`);
      }
      return JSON.parse(event.slice('data: '.length)) as unknown;
    });
}
