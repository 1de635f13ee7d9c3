import { quoteRaw } from '../errors/redact-secrets.js';
import { type ClassifyErrorContext, classifyHttpError } from './classify-http-error.js';
import { isTokenOffError, TokenOffError, tokenOffErrorData } from './tokenoff-error.js';

/**
 * Turns anything a TokenOff call can throw into one {@link TokenOffError}: our own errors pass through;
 * a fired signal becomes `timeout` (a timeout reason) or `aborted` (the caller's abort); fetch and socket
 * failures become `network`; errors of the stock `@google/generative-ai` client (`status`, `errorDetails`)
 * are classified by status and details like an HTTP answer. Anything else (a bug, or a request LangChain
 * could not build) becomes `invalid_request`, which is never retried, and keeps the original as `cause`.
 */
export function classifyError(error: unknown, context: ClassifyErrorContext = {}): TokenOffError {
  if (isTokenOffError(error)) return error;
  const secrets = context.secrets ?? [];
  const model = context.model ? `model ${context.model}` : 'the model';
  const where = context.where ? ` (${context.where})` : '';
  const base = { ...(context.model ? { model: context.model } : {}), cause: error };

  const abortKind = abortKindOf(error, context.signal);
  if (abortKind === 'timeout') {
    // A limit of ours says which one fired ("... (idleTimeoutMs)"); name it so people know what to raise.
    const detail = ownTimeoutDetail(context.signal?.reason) ?? ownTimeoutDetail(error);
    const option = detail ? /\((\w+)\)$/.exec(detail)?.[1] : undefined;
    const raise = option
      ? `raise \`${option}\` in the ChatTokenOff options if such waits are expected`
      : 'raise the limit (the `timeout` call option, or `attemptTimeoutMs` for one attempt)';
    return new TokenOffError(
      `The call to ${model} timed out${where}: ${detail ?? 'its timeout fired before TokenOff finished answering'}. Retry, or ${raise}.`,
      { kind: 'timeout', ...base },
    );
  }
  if (abortKind === 'aborted') {
    return new TokenOffError(
      `The call to ${model} was aborted by the caller's AbortSignal${where}. Nothing to fix unless the abort was unexpected.`,
      { kind: 'aborted', ...base },
    );
  }

  const sdkStatus = statusOf(error);
  if (sdkStatus !== undefined) {
    const errorDetails = (error as { errorDetails?: unknown }).errorDetails;
    const message = (error as { message?: unknown }).message;
    const body = {
      error: {
        code: sdkStatus,
        message: typeof message === 'string' ? message : '',
        ...(Array.isArray(errorDetails) ? { details: errorDetails } : {}),
      },
    };
    const classified = classifyHttpError({ status: sdkStatus, body }, context);
    return new TokenOffError(classified.message, { ...tokenOffErrorData(classified), cause: error });
  }

  const text = quoteRaw(describeCause(error), secrets);
  if (isNetworkFailure(error)) {
    return new TokenOffError(
      `The connection to TokenOff failed while calling ${model}${where}: ${text}. Check the network and TOKENOFF_BASE_URL; the call can be retried.`,
      { kind: 'network', ...base },
    );
  }
  return new TokenOffError(
    `The call to ${model} failed before TokenOff could answer${where}: ${text}. This is not a TokenOff failure and is not retried; check the request (messages, tools, options).`,
    { kind: 'invalid_request', ...base },
  );
}

/** The message of a TimeoutError raised by one of our own limits, which ends by naming its option. */
function ownTimeoutDetail(value: unknown): string | undefined {
  if (nameOf(value) !== 'TimeoutError') return undefined;
  const message = (value as { message?: unknown }).message;
  return typeof message === 'string' && /\(\w+\)$/.test(message) ? message : undefined;
}

/** Whether a thrown value is an abort, and which kind, judged by the signal's reason first. */
function abortKindOf(error: unknown, signal: AbortSignal | undefined): 'timeout' | 'aborted' | undefined {
  if (signal?.aborted) return nameOf(signal.reason) === 'TimeoutError' ? 'timeout' : 'aborted';
  const name = nameOf(error);
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError' || name === 'GoogleGenerativeAIAbortError' || name === 'ModelAbortError') {
    return nameOf((error as { cause?: unknown }).cause) === 'TimeoutError' ? 'timeout' : 'aborted';
  }
  return undefined;
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function isNetworkFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /fetch failed|terminated|socket hang up|other side closed|Error fetching from|Error reading from the stream/i.test(
        message,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${message} [${code}]` : message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(' <- ');
}
