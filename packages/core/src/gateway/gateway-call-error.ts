import { TokenOffError } from '../models/tokenoff-error.js';
import type { ErrorSummary } from './gateway-events.js';

/** Data about a call the gateway gave up on. */
export interface GatewayCallErrorData {
  callId: string;
  requestedModel: string;
  /** Every model tried, in order (a model skipped because its circuit was open is not listed). */
  modelsTried: string[];
  /** HTTP attempts over all models. */
  attempts: number;
  /** Each failure, in order. */
  errors: ErrorSummary[];
  /** The error that ended the call. */
  last: TokenOffError;
  /** Why the gateway stopped, in words. */
  reason: string;
}

/**
 * The error a gateway call ends with when no model served it. It is a `TokenOffError` whose `kind`,
 * `status`, `model`, `retryDelayMs` and `quotaId` are those of the last failure (so code that switches on
 * `kind` keeps working), plus the whole story: models tried, attempts, each error. `cause` is the last
 * underlying error.
 */
export class GatewayCallError extends TokenOffError {
  readonly callId: string;
  readonly requestedModel: string;
  readonly modelsTried: string[];
  readonly attempts: number;
  readonly errors: ErrorSummary[];

  constructor(data: GatewayCallErrorData) {
    const tried = data.modelsTried.length > 0 ? data.modelsTried.join(' -> ') : 'no model';
    super(
      `${data.requestedModel} call failed after ${data.attempts} attempt(s) on ${tried}: ${data.reason}. ` +
        `Last error (${data.last.kind}): ${data.last.message}`,
      {
        kind: data.last.kind,
        status: data.last.status,
        model: data.last.model,
        retryDelayMs: data.last.retryDelayMs,
        quotaId: data.last.quotaId,
        rpcStatus: data.last.rpcStatus,
        reason: data.last.reason,
        details: data.last.details,
        cause: data.last,
      },
    );
    this.name = 'GatewayCallError';
    this.callId = data.callId;
    this.requestedModel = data.requestedModel;
    this.modelsTried = data.modelsTried;
    this.attempts = data.attempts;
    this.errors = data.errors;
  }

  /** Plain data for logs and error files: the last error's fields plus the call's story. */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      callId: this.callId,
      requestedModel: this.requestedModel,
      modelsTried: this.modelsTried,
      attempts: this.attempts,
      errors: this.errors,
    };
  }
}
