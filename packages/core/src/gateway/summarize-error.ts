import type { TokenOffError } from '../models/tokenoff-error.js';
import type { ErrorSummary } from './gateway-events.js';

/** The summary of an error as events carry it (never the raw request or the key). */
export function summarizeError(error: TokenOffError): ErrorSummary {
  return {
    kind: error.kind,
    message: error.message,
    ...(error.model === undefined ? {} : { model: error.model }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryDelayMs === undefined ? {} : { retryDelayMs: error.retryDelayMs }),
    ...(error.quotaId === undefined ? {} : { quotaId: error.quotaId }),
  };
}
