import { classifyError } from './classify-error.js';
import type { ClassifyErrorContext } from './classify-http-error.js';
import { classifyHttpError } from './classify-http-error.js';
import type { GeminiResponse } from './gemini-response.js';
import { parseGoogleRpcStatus } from './google-rpc-status.js';
import { parseSseEvents } from './parse-sse-events.js';
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
  fetch?: typeof fetch;
  classify: ClassifyErrorContext;
}

const apiClient = 'tokenflow/0.1.0';
const maxErrorBodyChars = 64_000;

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
 * POSTs a GenerateContentRequest and returns the 2xx response, or throws a classified {@link TokenOffError}
 * (HTTP errors from the google.rpc body and headers; fetch failures as `network`; aborts as `timeout` or
 * `aborted`). The key goes in `x-goog-api-key` and `Authorization: Bearer`, never in the URL.
 */
export async function postGenerateContent(
  endpoint: TokenOffEndpoint,
  body: unknown,
  options: { stream: boolean; signal: AbortSignal | undefined },
): Promise<Response> {
  const context = { ...endpoint.classify, signal: options.signal };
  let response: Response;
  try {
    response = await (endpoint.fetch ?? fetch)(
      generateContentUrl(endpoint.baseUrl, endpoint.model, options.stream, endpoint.apiVersion),
      {
        method: 'POST',
        headers: {
          ...endpoint.headers,
          'content-type': 'application/json',
          'x-goog-api-client': apiClient,
          'x-goog-api-key': endpoint.apiKey,
          authorization: `Bearer ${endpoint.apiKey}`,
        },
        body: JSON.stringify(body),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  } catch (error) {
    throw classifyError(error, context);
  }
  if (response.ok) return response;
  let text = '';
  try {
    text = (await response.text()).slice(0, maxErrorBodyChars);
  } catch {
    // The status alone still classifies the failure.
  }
  throw classifyHttpError({ status: response.status, body: text, headers: response.headers }, context);
}

/** Reads a unary answer; a cut or unreadable body, or a 200 carrying `{"error":...}`, is thrown as classified. */
export async function readGeminiJson(
  response: Response,
  endpoint: TokenOffEndpoint,
  signal: AbortSignal | undefined,
): Promise<GeminiResponse> {
  const context = { ...endpoint.classify, signal };
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw classifyError(error, { ...context, where: 'while reading the answer' });
  }
  return asGeminiResponse(parseAnswerJson(text, endpoint, 'its body'), endpoint, 'in a 200 answer');
}

/**
 * Reads a streamed answer, SSE (`data: {...}` events) or the JSON-array form, yielding each chunk.
 * A `{"error":...}` event is thrown as classified by its code (503 → overloaded, 500 → server, ...); a body
 * that breaks off is `network` (or `timeout`/`aborted` when the signal fired).
 */
export async function* readGeminiStream(
  response: Response,
  endpoint: TokenOffEndpoint,
  signal: AbortSignal | undefined,
): AsyncGenerator<GeminiResponse> {
  const context = { ...endpoint.classify, signal };
  const body = response.body;
  if (!body) throw unreadable(endpoint, 'the stream has no body');
  const contentType = response.headers.get('content-type') ?? '';
  let count = 0;
  try {
    if (contentType.includes('json')) {
      const parsed = parseAnswerJson(await response.text(), endpoint, 'the JSON stream body');
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
          { kind: 'network', model: endpoint.model, status: response.status },
        );
      }
      if (parsed === notJson)
        throw unreadable(endpoint, `chunk ${count + 1} is not JSON (${event.data.length} characters)`);
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

function unreadable(endpoint: TokenOffEndpoint, what: string): TokenOffError {
  return new TokenOffError(
    `TokenOff's answer for model ${endpoint.model} could not be read: ${what}. Retry; if it repeats, check TOKENOFF_BASE_URL points at a Gemini-compatible API.`,
    { kind: 'server', model: endpoint.model },
  );
}
