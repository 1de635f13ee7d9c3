import type { ErrorBody } from './types.js';

/** The google.rpc canonical status for each HTTP status the emulator answers with. */
export const rpcStatusByHttpStatus: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** An error body as the real API sends it: `{ error: { code, message, status, details? } }`. */
export function errorBody(
  code: number,
  message: string,
  options: { status?: string; details?: Record<string, unknown>[] } = {},
): ErrorBody {
  const status = options.status ?? rpcStatusByHttpStatus[code] ?? 'UNKNOWN';
  const error: ErrorBody['error'] = { code, message, status };
  if (options.details !== undefined && options.details.length > 0) error.details = options.details;
  return { error };
}

/** An answer the server sends instead of a model response: HTTP status, error body and extra headers. */
export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}
