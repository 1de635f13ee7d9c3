import { quoteRaw, redactDeep, redactSecrets } from '../errors/redact-secrets.js';
import { errorInfoReasonOf, findRpcDetail, parseGoogleRpcStatus, quotaIdsOf } from './google-rpc-status.js';
import {
  parseDurationMs,
  parseRetryAfterHeaderMs,
  parseRetryDelayFromMessageMs,
} from './parse-retry-delay.js';
import { TokenOffError, type TokenOffErrorKind } from './tokenoff-error.js';
import { tokenOffErrorKindRules } from './tokenoff-error-kinds.js';

/** What a classifier knows about the call besides the failure itself. */
export interface ClassifyErrorContext {
  /** The model the call went to; named in the message. */
  model?: string;
  /**
   * Where the API key came from, named in auth messages so people know what to fix. Never the key itself.
   * @default 'TOKENOFF_API_KEY'
   */
  keyVariable?: string;
  /** Strings that must never appear in a message or in `details` (the API key). Replaced by `[redacted]`. */
  secrets?: readonly string[];
  /**
   * A 429 that asks to wait longer than this is treated as `quota_exhausted` (a daily or plan quota),
   * not as a transient `rate_limited`.
   * @default 600_000 (10 minutes)
   */
  quotaExhaustedAfterMs?: number;
  /** Clock for HTTP-date `Retry-After` headers. @default Date.now */
  now?: () => number;
  /** The call's signal: when it has fired, an abort-like failure is `timeout` or `aborted` by its reason. */
  signal?: AbortSignal;
  /** Where in the call the failure happened, appended to the message, e.g. `'mid-stream, after 3 chunks'`. */
  where?: string;
}

/** A non-2xx answer (or a `{"error":...}` event inside a 200 stream). */
export interface HttpErrorAnswer {
  status: number;
  /** The body text or parsed JSON; a google.rpc error body when the API sent one. */
  body?: unknown;
  headers?: Headers | Readonly<Record<string, string | undefined>>;
}

const defaultQuotaExhaustedAfterMs = 600_000;

/** Turns an HTTP error answer from TokenOff into a typed {@link TokenOffError}. */
export function classifyHttpError(
  answer: HttpErrorAnswer,
  context: ClassifyErrorContext = {},
): TokenOffError {
  const rpc = parseGoogleRpcStatus(answer.body);
  const details = rpc?.details;
  // A body that is not a google.rpc error is quoted only in part (quoteRaw), never whole.
  const serverMessage = rpc?.message ?? (typeof answer.body === 'string' ? answer.body.slice(0, 4_000) : '');
  const retryDelayMs =
    parseDurationMs(findRpcDetail(details, 'RetryInfo')?.retryDelay) ??
    parseRetryAfterHeaderMs(headerOf(answer.headers, 'retry-after'), (context.now ?? Date.now)()) ??
    parseRetryDelayFromMessageMs(serverMessage);
  const quotaIds = quotaIdsOf(details);
  const kind = kindOfStatus(answer.status, {
    quotaIds,
    retryDelayMs,
    errorReason: errorInfoReasonOf(details),
    serverMessage,
    quotaExhaustedAfterMs: context.quotaExhaustedAfterMs ?? defaultQuotaExhaustedAfterMs,
  });
  const quotaId = quotaIds.find((id) => /PerDay/i.test(id)) ?? quotaIds[0];
  const secrets = context.secrets ?? [];
  const facts = [
    [`HTTP ${answer.status}`, rpc?.status].filter(Boolean).join(' '),
    quotaId && `quota ${quotaId}`,
  ]
    .filter(Boolean)
    .join(', ');
  const said = serverMessage ? `: "${quoteRaw(oneLine(serverMessage), secrets)}"` : '';
  const message = `${describeKind(kind, context)} (${facts}${context.where ? `, ${context.where}` : ''})${said}. ${advice(kind, context, retryDelayMs)}`;
  return new TokenOffError(redactSecrets(message, secrets), {
    kind,
    status: answer.status,
    ...(context.model ? { model: context.model } : {}),
    ...(retryDelayMs !== undefined ? { retryDelayMs } : {}),
    ...(quotaId ? { quotaId } : {}),
    ...(rpc?.status ? { rpcStatus: rpc.status } : {}),
    ...(details ? { details: redactDeep(details, secrets) } : {}),
  });
}

interface StatusFacts {
  quotaIds: string[];
  retryDelayMs: number | undefined;
  errorReason: string | undefined;
  serverMessage: string;
  quotaExhaustedAfterMs: number;
}

function kindOfStatus(status: number, facts: StatusFacts): TokenOffErrorKind {
  if (status === 429) {
    const daily = facts.quotaIds.some((id) => /PerDay|PerMonth/i.test(id));
    const longWait = facts.retryDelayMs !== undefined && facts.retryDelayMs > facts.quotaExhaustedAfterMs;
    return daily || longWait ? 'quota_exhausted' : 'rate_limited';
  }
  if (status === 402) return 'quota_exhausted';
  if (status === 401 || status === 403) return 'auth';
  if (status === 400) {
    const badKey =
      facts.errorReason === 'API_KEY_INVALID' ||
      /API key (not valid|not found|expired)/i.test(facts.serverMessage);
    return badKey ? 'auth' : 'invalid_request';
  }
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 503) return 'overloaded';
  if (status >= 500) return 'server';
  return 'invalid_request';
}

function describeKind(kind: TokenOffErrorKind, context: ClassifyErrorContext): string {
  return tokenOffErrorKindRules[kind].summary(context.model ? `model ${context.model}` : 'the model');
}

function advice(
  kind: TokenOffErrorKind,
  context: ClassifyErrorContext,
  retryDelayMs: number | undefined,
): string {
  return tokenOffErrorKindRules[kind].advice({
    wait: retryDelayMs !== undefined ? `wait ${formatMs(retryDelayMs)}` : 'wait a little',
    resetsIn:
      retryDelayMs !== undefined
        ? ` (about ${formatMs(retryDelayMs)})`
        : ' (daily quotas reset at midnight Pacific)',
    keyVariable: context.keyVariable,
  });
}

/** A header by its lower-case name, from fetch's `Headers` or a plain record (any case). */
export function headerOf(headers: HttpErrorAnswer['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** `17300` → `17.3s`, `900000` → `15m`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  return `${Number((ms / 3_600_000).toFixed(1))}h`;
}
