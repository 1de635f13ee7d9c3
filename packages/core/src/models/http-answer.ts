/**
 * Size cap and per-chunk report of a body being read. Readers call `onChunk` and `tooLarge` as methods
 * (`caps.onChunk()`), so a class instance can be the caps (the opened answer is its own).
 */
export interface BodyCaps {
  readonly maxBytes: number;
  /** Called for every chunk that arrives (feeds the answer watchdog). */
  onChunk(): void;
  /** The error to throw once more than `maxBytes` arrived (`bytes`: what arrived so far). */
  tooLarge(bytes: number): Error;
}

/** What a request sends besides its URL. */
export interface HttpRequest {
  headers: Readonly<Record<string, string>>;
  body: string;
  signal: AbortSignal;
}

/**
 * An HTTP answer, whichever client fetched it (undici's dispatch API by default, or the `fetch` a user
 * gave): its status and headers, and its body read one of three ways. Read the body once, one way.
 */
export interface HttpAnswer {
  readonly status: number;
  /** The `content-type` header, `''` when there is none. */
  readonly contentType: string;
  /** The headers error classification reads (`retry-after`). */
  readonly headers: Headers | Readonly<Record<string, string | undefined>>;
  /** False only when the client says there is no body at all (fetch's `body: null`). */
  readonly hasBody: boolean;
  /** The body as a web stream (server-sent events, error bodies); `null` without one. */
  webBody(): ReadableStream<Uint8Array> | null;
  /** The whole body as UTF-8 text under `caps`: a unary answer, read straight from the client. */
  readCappedText(caps: BodyCaps): Promise<string>;
  /** Frees the connection if the body was not read to its end (an abandoned or failed answer). */
  release(): void;
}

/** Sends one POST and resolves with the answer's head; rejects as the client does (network, abort). */
export type HttpSend = (url: string, request: HttpRequest) => Promise<HttpAnswer>;
