import type { Clock } from '../async/clock.js';
import { quoteRaw } from '../errors/redact-secrets.js';
import { type AnswerWatchdog, createAnswerWatchdog } from './answer-watchdog.js';
import { cappedBody, readText, readTextUpTo } from './capped-body.js';
import { classifyError } from './classify-error.js';
import type { ClassifyErrorContext } from './classify-http-error.js';
import { classifyHttpError, formatMs, headerOf } from './classify-http-error.js';
import type { GeminiResponse } from './gemini-response.js';
import { parseGoogleRpcStatus } from './google-rpc-status.js';
import type { BodyCaps, HttpAnswer, HttpSend } from './http-answer.js';
import { parseSseEvents } from './parse-sse-events.js';
import { sendWithFetch } from './send-with-fetch.js';
import { sendWithUndici } from './send-with-undici.js';
import { TokenOffError } from './tokenoff-error.js';

/** Everything a request to TokenOff needs besides its body. */
export interface TokenOffEndpoint {
  /** Base URL without a trailing slash, e.g. `https://tokenoff.com/api`. */
  baseUrl: string;
  /** @default 'v1beta' */
  apiVersion?: string;
  apiKey: string;
  model: string;
  /** Extra request headers; the auth headers always win. */
  headers?: Readonly<Record<string, string>>;
  /** A WHATWG fetch to send with instead of undici's dispatch API (a proxy, a custom agent). */
  fetch?: typeof fetch;
  classify: ClassifyErrorContext;
  /** Size caps, in bytes, of a 2xx answer (a whole stream included) and of an error body. */
  limits: { maxAnswerBytes: number; maxErrorBodyBytes: number };
  /** Quiet-time limits, in ms: until the response headers, and between two body chunks. */
  timeouts: { firstByteMs: number; idleMs: number };
  /** Clock of the quiet-time limits. */
  clock: Clock;
}

/** A 2xx answer whose body is being read under the endpoint's caps and quiet-time limits. */
export interface OpenedAnswer {
  /** Status and headers; read the body through `body` or `readText`, not through this. */
  answer: HttpAnswer;
  /** The attempt's signal plus the watchdog: what reading the body must honour. */
  signal: AbortSignal;
  /** The body: capped at `limits.maxAnswerBytes`; every chunk resets the idle limit. */
  readonly body: ReadableStream<Uint8Array> | null;
  /** The whole body as text, under the same cap and idle limit; use it or `body`, not both. */
  readText(): Promise<string>;
  /** Stops the watchdog and frees an unread body's connection; call once the body is read or abandoned. */
  close(): void;
}

const apiClient = 'tokenflow/0.1.0';

/** The URL of a generate call: `{base}/v1beta/models/{model}:generateContent` (or the SSE stream). */
export function generateContentUrl(
  baseUrl: string,
  model: string,
  stream: boolean,
  apiVersion = 'v1beta',
): string {
  const name = model.includes('/') ? model : `models/${model}`;
  return `${baseUrl}/${apiVersion}/${name}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`;
}

/**
 * POSTs a GenerateContentRequest and returns the 2xx answer, or throws a classified {@link TokenOffError}
 * (HTTP errors from the google.rpc body, read up to `limits.maxErrorBodyBytes`, and the headers; connection
 * failures as `network`; aborts and quiet-time limits as `timeout` or `aborted`). The key goes in
 * `x-goog-api-key` and `Authorization: Bearer`, never in the URL.
 */
export async function postGenerateContent(
  endpoint: TokenOffEndpoint,
  body: unknown,
  options: { stream: boolean; signal: AbortSignal | undefined },
): Promise<OpenedAnswer> {
  const fixed = fixedPartsOf(endpoint);
  const watchdog = createAnswerWatchdog(options.signal, endpoint.clock, fixed.shortestLimitMs);
  watchdog.phase(endpoint.timeouts.firstByteMs, fixed.firstByteLimit);
  let answer: HttpAnswer;
  try {
    answer = await fixed.send(options.stream ? fixed.streamUrl : fixed.unaryUrl, {
      headers: fixed.headers,
      body: JSON.stringify(body),
      signal: watchdog.signal,
    });
  } catch (error) {
    watchdog.dispose();
    throw classifyError(error, { ...endpoint.classify, signal: watchdog.signal });
  }
  watchdog.phase(endpoint.timeouts.idleMs, fixed.idleLimit);
  if (answer.status >= 200 && answer.status < 300)
    return new OpenedGenerateAnswer(answer, watchdog, endpoint);
  try {
    throw await errorAnswer(answer, endpoint, watchdog, { ...endpoint.classify, signal: watchdog.signal });
  } finally {
    watchdog.dispose();
    answer.release();
  }
}

/**
 * A 2xx answer being read, which is also the caps its body is read under (`onChunk`, `tooLarge`): a class
 * rather than an object of closures, since one is built per request and its methods are shared.
 */
class OpenedGenerateAnswer implements OpenedAnswer, BodyCaps {
  readonly answer: HttpAnswer;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
  readonly #watchdog: AnswerWatchdog;
  readonly #endpoint: TokenOffEndpoint;
  /** Built only when read as a stream: a unary answer is read as text straight from the client. */
  #body: ReadableStream<Uint8Array> | null | undefined;

  constructor(answer: HttpAnswer, watchdog: AnswerWatchdog, endpoint: TokenOffEndpoint) {
    this.answer = answer;
    this.signal = watchdog.signal;
    this.maxBytes = endpoint.limits.maxAnswerBytes;
    this.#watchdog = watchdog;
    this.#endpoint = endpoint;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#body === undefined) {
      const source = this.answer.webBody();
      this.#body = source ? cappedBody(source, this) : null;
    }
    return this.#body;
  }

  readText(): Promise<string> {
    return this.answer.hasBody
      ? this.answer.readCappedText(this)
      : Promise.reject(unreadable(this.#endpoint, 'it has no body'));
  }

  close(): void {
    this.#watchdog.dispose();
    this.answer.release();
  }

  onChunk(): void {
    this.#watchdog.alive();
  }

  tooLarge(bytes: number): Error {
    return answerTooLarge(this.#endpoint, bytes);
  }
}

/** What every request to one endpoint shares: URLs, headers and the watchdog's limit descriptions. */
interface FixedParts {
  send: HttpSend;
  unaryUrl: string;
  streamUrl: string;
  headers: Readonly<Record<string, string>>;
  firstByteLimit: string;
  idleLimit: string;
  /** The shorter of the two quiet-time limits that are on: the longest a watchdog timer is armed for. */
  shortestLimitMs: number;
}

/**
 * Built once per endpoint rather than per request (an endpoint's fields are set when its model is built and
 * never change): the HTTP client copies the headers, so one object serves every request.
 */
const fixedParts = new WeakMap<TokenOffEndpoint, FixedParts>();

function fixedPartsOf(endpoint: TokenOffEndpoint): FixedParts {
  let fixed = fixedParts.get(endpoint);
  if (fixed === undefined) {
    fixed = {
      send: endpoint.fetch ? sendWithFetch(endpoint.fetch) : sendWithUndici,
      unaryUrl: generateContentUrl(endpoint.baseUrl, endpoint.model, false, endpoint.apiVersion),
      streamUrl: generateContentUrl(endpoint.baseUrl, endpoint.model, true, endpoint.apiVersion),
      headers: {
        ...endpoint.headers,
        'content-type': 'application/json',
        'x-goog-api-client': apiClient,
        'x-goog-api-key': endpoint.apiKey,
        authorization: `Bearer ${endpoint.apiKey}`,
      },
      firstByteLimit: `no response headers within ${formatMs(endpoint.timeouts.firstByteMs)} (firstByteTimeoutMs)`,
      idleLimit: `the answer went quiet for ${formatMs(endpoint.timeouts.idleMs)} (idleTimeoutMs)`,
      shortestLimitMs: Math.min(
        ...[endpoint.timeouts.firstByteMs, endpoint.timeouts.idleMs].filter(
          (ms) => Number.isFinite(ms) && ms > 0,
        ),
      ),
    };
    fixedParts.set(endpoint, fixed);
  }
  return fixed;
}

async function errorAnswer(
  answer: HttpAnswer,
  endpoint: TokenOffEndpoint,
  watchdog: AnswerWatchdog,
  context: ClassifyErrorContext,
): Promise<TokenOffError> {
  if (answer.status >= 300 && answer.status < 400) return redirected(answer, endpoint);
  let text = '';
  let cut = false;
  const source = answer.webBody();
  if (source) {
    const max = endpoint.limits.maxErrorBodyBytes;
    const watched = cappedBody(source, {
      maxBytes: Number.POSITIVE_INFINITY,
      onChunk: () => watchdog.alive(),
      tooLarge: () => new Error('unreachable'),
    });
    ({ text, cut } = await readTextUpTo(watched, max));
  }
  const classified = classifyHttpError(
    { status: answer.status, body: text, headers: answer.headers },
    {
      ...context,
      ...(cut
        ? {
            where: `error body cut at ${formatBytes(endpoint.limits.maxErrorBodyBytes)} (limits.maxErrorBodyBytes)`,
          }
        : {}),
    },
  );
  return classified;
}

/** Reads a unary answer; a cut, oversized or unreadable body, or a 200 carrying `{"error":...}`, is thrown as classified. */
export async function readGeminiJson(
  opened: OpenedAnswer,
  endpoint: TokenOffEndpoint,
): Promise<GeminiResponse> {
  if (!opened.answer.hasBody) throw unreadable(endpoint, 'it has no body');
  let text: string;
  try {
    text = await opened.readText();
  } catch (error) {
    throw classifyError(error, {
      ...endpoint.classify,
      signal: opened.signal,
      where: 'while reading the answer',
    });
  }
  return asGeminiResponse(parseAnswerJson(text, endpoint, 'its body'), endpoint, 'in a 200 answer');
}

/**
 * Reads a streamed answer, SSE (`data: {...}` events) or the JSON-array form, yielding each chunk.
 * A `{"error":...}` event is thrown as classified by its code (503 → overloaded, 500 → server, ...); a body
 * that breaks off is `network` (or `timeout`/`aborted` when a signal or quiet-time limit fired).
 */
export async function* readGeminiStream(
  opened: OpenedAnswer,
  endpoint: TokenOffEndpoint,
): AsyncGenerator<GeminiResponse> {
  const context = { ...endpoint.classify, signal: opened.signal };
  const body = opened.body;
  if (!body) throw unreadable(endpoint, 'the stream has no body');
  const contentType = opened.answer.contentType;
  let count = 0;
  try {
    if (contentType.includes('json')) {
      const parsed = parseAnswerJson(await readText(body), endpoint, 'the JSON stream body');
      for (const element of Array.isArray(parsed) ? parsed : [parsed]) {
        yield asGeminiResponse(element, endpoint, `mid-stream, after ${count} chunk(s)`);
        count += 1;
      }
      return;
    }
    for await (const event of parseSseEvents(body)) {
      const parsed = tryParseJson(event.data);
      if (parsed === notJson && !event.terminated) {
        throw new TokenOffError(
          `The stream from model ${endpoint.model} was cut in the middle of chunk ${count + 1}: the answer is incomplete. Retry the call.`,
          { kind: 'network', model: endpoint.model, status: opened.answer.status },
        );
      }
      if (parsed === notJson) {
        throw unreadable(endpoint, `chunk ${count + 1} is not JSON (${event.data.length} characters)`);
      }
      yield asGeminiResponse(parsed, endpoint, `mid-stream, after ${count} chunk(s)`);
      count += 1;
    }
  } catch (error) {
    throw classifyError(error, { ...context, where: `mid-stream, after ${count} chunk(s)` });
  }
}

function asGeminiResponse(value: unknown, endpoint: TokenOffEndpoint, where: string): GeminiResponse {
  const rpc = parseGoogleRpcStatus(value);
  if (rpc) {
    throw classifyHttpError({ status: rpc.code ?? 500, body: value }, { ...endpoint.classify, where });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unreadable(
      endpoint,
      `a chunk is ${Array.isArray(value) ? 'an array' : typeof value}, not an object`,
    );
  }
  return value as GeminiResponse;
}

/**
 * The parsed JSON of (part of) an answer, or an `unreadable` error (`server`, retryable, as for any answer
 * that is not what a Gemini API sends). The parser's own error is dropped, not kept as `cause`: its message
 * quotes the start of the body, which may be anything the server echoed, the key included.
 */
function parseAnswerJson(text: string, endpoint: TokenOffEndpoint, what: string): unknown {
  const parsed = tryParseJson(text);
  if (parsed === notJson) throw unreadable(endpoint, `${what} is not JSON (${text.length} characters)`);
  return parsed;
}

const notJson = Symbol('not JSON');

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

/**
 * A redirect is not followed (undici's dispatch API never does): the request carries the key in its
 * headers, and an API that answers from elsewhere should be called there. Not retried.
 */
function redirected(answer: HttpAnswer, endpoint: TokenOffEndpoint): TokenOffError {
  const location = headerOf(answer.headers, 'location');
  const where = location ? ` to ${quoteRaw(location, endpoint.classify.secrets ?? [])}` : '';
  return new TokenOffError(
    `TokenOff answered model ${endpoint.model} with a redirect (HTTP ${answer.status}${where}), which tokenflow does not follow: the request carries your API key. Set TOKENOFF_BASE_URL (or baseUrl) to the address that answers.`,
    { kind: 'invalid_request', model: endpoint.model, status: answer.status },
  );
}

function unreadable(endpoint: TokenOffEndpoint, what: string): TokenOffError {
  return new TokenOffError(
    `TokenOff's answer for model ${endpoint.model} could not be read: ${what}. Retry; if it repeats, check TOKENOFF_BASE_URL points at a Gemini-compatible API.`,
    { kind: 'server', model: endpoint.model },
  );
}

/**
 * `truncated`, not retried: the same request would bring the same oversized answer, as with MAX_TOKENS;
 * the fix is a higher cap or a lower `maxOutputTokens`.
 */
function answerTooLarge(endpoint: TokenOffEndpoint, bytes: number): TokenOffError {
  const cap = formatBytes(endpoint.limits.maxAnswerBytes);
  return new TokenOffError(
    `The answer from model ${endpoint.model} passed the ${cap} cap (limits.maxAnswerBytes) after ${formatBytes(bytes)}: it was cut and dropped so one answer cannot exhaust memory. If such answers are expected, raise limits.maxAnswerBytes in the ChatTokenOff options; otherwise lower maxOutputTokens.`,
    { kind: 'truncated', model: endpoint.model, reason: 'ANSWER_TOO_LARGE' },
  );
}

/** `65536` → `64 KB`, `33554432` → `32 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}
