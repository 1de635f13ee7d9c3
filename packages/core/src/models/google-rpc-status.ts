import type { GoogleRpcStatus } from './gemini-response.js';

/**
 * Reads a google.rpc error body: `{"error":{code,message,status,details}}`, or the same wrapped in an array
 * (the non-SSE streaming form). Returns `undefined` when the text is not such a body.
 */
export function parseGoogleRpcStatus(body: unknown): GoogleRpcStatus | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'object' || value === null || !('error' in value)) return undefined;
  const error = (value as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  return {
    ...(typeof record.code === 'number' ? { code: record.code } : {}),
    ...(typeof record.message === 'string' ? { message: record.message } : {}),
    ...(typeof record.status === 'string' ? { status: record.status } : {}),
    ...(Array.isArray(record.details)
      ? {
          details: record.details.filter(
            (d): d is Record<string, unknown> => typeof d === 'object' && d !== null,
          ),
        }
      : {}),
  };
}

/** The first detail of a google.rpc type, matched on the end of `@type` (`'RetryInfo'`, `'QuotaFailure'`). */
export function findRpcDetail(
  details: readonly Record<string, unknown>[] | undefined,
  type: string,
): Record<string, unknown> | undefined {
  return details?.find((d) => typeof d['@type'] === 'string' && d['@type'].endsWith(`.${type}`));
}

/** Every `quotaId` named by QuotaFailure violations. */
export function quotaIdsOf(details: readonly Record<string, unknown>[] | undefined): string[] {
  const failure = findRpcDetail(details, 'QuotaFailure');
  const violations = Array.isArray(failure?.violations) ? failure.violations : [];
  return violations
    .map((v: unknown) =>
      typeof v === 'object' && v !== null ? (v as { quotaId?: unknown }).quotaId : undefined,
    )
    .filter((id): id is string => typeof id === 'string');
}

/** The ErrorInfo `reason`, e.g. `API_KEY_INVALID`, `SERVICE_DISABLED`. */
export function errorInfoReasonOf(
  details: readonly Record<string, unknown>[] | undefined,
): string | undefined {
  const reason = findRpcDetail(details, 'ErrorInfo')?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
