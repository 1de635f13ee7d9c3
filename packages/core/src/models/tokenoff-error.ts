import { TokenflowError } from '../errors/tokenflow-error.js';

/**
 * The closed set of ways a TokenOff call can fail. The gateway decides retries and fallbacks from the
 * kind alone, never from message text.
 */
export const tokenOffErrorKinds = [
  /** Transient 429 (per-minute quota): wait `retryDelayMs`, then retry on the same model. */
  'rate_limited',
  /** Daily or plan quota used up: stop using this model until reset, fall back now. */
  'quota_exhausted',
  /** 503: the model is overloaded. Retry with backoff, then fall back. */
  'overloaded',
  /** 500 / 504 or an unexpected server answer. Retry with backoff, then fall back. */
  'server',
  /** The call took longer than its timeout. */
  'timeout',
  /** The connection failed or was cut (before or during the answer). */
  'network',
  /** 400: the request is wrong. Never retried: the user must fix it. */
  'invalid_request',
  /** 401 / 403: the key is missing, wrong or not allowed. Never retried, never falls back. */
  'auth',
  /** 404: the model does not exist (here). Falls back. */
  'not_found',
  /** The prompt or the answer was blocked by safety filters. */
  'blocked',
  /** MAX_TOKENS with no usable output (often thinking used the whole budget). */
  'truncated',
  /** The caller aborted the call through its AbortSignal. Never retried. */
  'aborted',
] as const;

export type TokenOffErrorKind = (typeof tokenOffErrorKinds)[number];

export interface TokenOffErrorData {
  kind: TokenOffErrorKind;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The model the failing call went to. */
  model?: string;
  /** How long the server asked us to wait (RetryInfo.retryDelay, or a Retry-After header). */
  retryDelayMs?: number;
  /** The QuotaFailure quotaId, e.g. `GenerateRequestsPerDayPerProjectPerModel`. */
  quotaId?: string;
  /** The google.rpc status string, e.g. `RESOURCE_EXHAUSTED`. */
  rpcStatus?: string;
  /** finishReason or blockReason when the answer was blocked or truncated. */
  reason?: string;
  /** Raw google.rpc `details` from the error body. */
  details?: unknown[];
  cause?: unknown;
}

const retryableKinds: ReadonlySet<TokenOffErrorKind> = new Set([
  'rate_limited',
  'overloaded',
  'server',
  'timeout',
  'network',
]);

/** One typed error for every failed TokenOff call. */
export class TokenOffError extends TokenflowError {
  readonly kind: TokenOffErrorKind;
  readonly status: number | undefined;
  readonly model: string | undefined;
  readonly retryDelayMs: number | undefined;
  readonly quotaId: string | undefined;
  readonly rpcStatus: string | undefined;
  readonly reason: string | undefined;
  readonly details: unknown[] | undefined;

  constructor(message: string, data: TokenOffErrorData) {
    super(`tokenoff_${data.kind}`, message, { cause: data.cause });
    this.name = 'TokenOffError';
    this.kind = data.kind;
    this.status = data.status;
    this.model = data.model;
    this.retryDelayMs = data.retryDelayMs;
    this.quotaId = data.quotaId;
    this.rpcStatus = data.rpcStatus;
    this.reason = data.reason;
    this.details = data.details;
  }

  /** Whether retrying the same call on the same model can succeed. */
  get retryable(): boolean {
    return retryableKinds.has(this.kind);
  }
}

export function isTokenOffError(value: unknown): value is TokenOffError {
  return value instanceof TokenOffError;
}
