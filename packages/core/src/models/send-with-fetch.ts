import { readCappedText } from './capped-body.js';
import type { HttpAnswer, HttpSend } from './http-answer.js';

/**
 * A {@link HttpSend} over a WHATWG `fetch`: the one a user passes as the `fetch` option (a proxy, a custom
 * agent, instrumentation). It follows fetch's own rules (redirects included).
 */
export function sendWithFetch(fetchImpl: typeof fetch): HttpSend {
  return async (url, request) => {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    const body = response.body;
    const answer: HttpAnswer = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      headers: response.headers,
      hasBody: body !== null,
      webBody: () => body,
      readCappedText: (caps) => (body ? readCappedText(body, caps) : Promise.resolve('')),
      // fetch frees an unread body's connection when the body is collected; nothing to do here.
      release: () => undefined,
    };
    return answer;
  };
}
