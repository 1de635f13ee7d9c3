import { readCappedText } from './capped-body.js';
import type { BodyCaps, HttpAnswer, HttpSend } from './http-answer.js';

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
    return new FetchAnswer(response);
  };
}

/** A fetch answer: a class, so the methods of the one built per request are shared rather than closures. */
class FetchAnswer implements HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Headers;
  readonly hasBody: boolean;
  readonly #body: ReadableStream<Uint8Array> | null;

  constructor(response: Response) {
    this.status = response.status;
    this.headers = response.headers;
    this.contentType = response.headers.get('content-type') ?? '';
    this.#body = response.body;
    this.hasBody = this.#body !== null;
  }

  webBody(): ReadableStream<Uint8Array> | null {
    return this.#body;
  }

  readCappedText(caps: BodyCaps): Promise<string> {
    return this.#body ? readCappedText(this.#body, caps) : Promise.resolve('');
  }

  /** fetch frees an unread body's connection when the body is collected; nothing to do here. */
  release(): void {}
}
