import { TokenflowError } from '../errors/tokenflow-error.js';
import type { TokenUsage } from './token-usage.js';
import { tokenOffErrorKindRules } from './tokenoff-error-kinds.js';

/**
 * The closed set of ways a TokenOff call can fail. The gateway decides retries and fallbacks from the
 * kind alone, never from message text. Each kind has one entry in the models layer's table
 * (`tokenoff-error-kinds.ts`) and one in the gateway's (`gateway/error-policy.ts`); the compiler asks for both.
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
  /**
   * Tokens the failed call still used (and was billed for): set on `blocked` and `truncated` answers and on
   * streams that broke after usage arrived.
   */
  usage?: TokenUsage;
  cause?: unknown;
}

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
  readonly usage: TokenUsage | undefined;

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
    this.usage = data.usage;
  }

  /** Plain data for logs and events: everything but `cause` (which may hold transport objects). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      kind: this.kind,
      message: this.message,
      status: this.status,
      model: this.model,
      retryDelayMs: this.retryDelayMs,
      quotaId: this.quotaId,
      rpcStatus: this.rpcStatus,
      reason: this.reason,
      usage: this.usage,
    };
  }

  /** Whether retrying the same call on the same model can succeed. */
  get retryable(): boolean {
    return tokenOffErrorKindRules[this.kind].retryable;
  }
}

/** The data of an error, to build a copy with one field changed (`new TokenOffError(message, {...data, usage})`). */
export function tokenOffErrorData(error: TokenOffError): TokenOffErrorData {
  return {
    kind: error.kind,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.model !== undefined ? { model: error.model } : {}),
    ...(error.retryDelayMs !== undefined ? { retryDelayMs: error.retryDelayMs } : {}),
    ...(error.quotaId !== undefined ? { quotaId: error.quotaId } : {}),
    ...(error.rpcStatus !== undefined ? { rpcStatus: error.rpcStatus } : {}),
    ...(error.reason !== undefined ? { reason: error.reason } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
    ...(error.usage !== undefined ? { usage: error.usage } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  };
}

/** The error with `usage` set (tokens a broken or refused call still used), unless it already has one. */
export function withErrorUsage(error: TokenOffError, usage: TokenUsage | undefined): TokenOffError {
  if (!usage || error.usage) return error;
  return new TokenOffError(error.message, { ...tokenOffErrorData(error), usage });
}

export function isTokenOffError(value: unknown): value is TokenOffError {
  return value instanceof TokenOffError;
}
