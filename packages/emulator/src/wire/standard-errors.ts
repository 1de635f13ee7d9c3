import { type ErrorAnswer, errorBody } from './error-body.js';

/**
 * The error answers of the real API, with their recorded or reported wording (gemini-wire.md section 6).
 * Each returns a fresh object so callers may add headers.
 */

const missingKeyMessage =
  "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";

/** 403 PERMISSION_DENIED: the request carried no API key (recorded body, fixture 020). */
export function missingApiKeyError(): ErrorAnswer {
  return { status: 403, body: errorBody(403, missingKeyMessage) };
}

const invalidKeyMessage = 'API key not valid. Please pass a valid API key.';

/** 400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID and a LocalizedMessage: the key is not known. */
export function invalidApiKeyError(): ErrorAnswer {
  return {
    status: 400,
    body: errorBody(400, invalidKeyMessage, {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'generativelanguage.googleapis.com' },
        },
        {
          '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
          locale: 'en-US',
          message: invalidKeyMessage,
        },
      ],
    }),
  };
}

/** 404 NOT_FOUND for a model the server does not serve (recorded wording, fixture 029). */
export function modelNotFoundError(model: string, method: string, apiVersion = 'v1beta'): ErrorAnswer {
  return {
    status: 404,
    body: errorBody(
      404,
      `models/${model} is not found for API version ${apiVersion}, or is not supported for ${method}. Call ModelService.ListModels to see the list of available models and their supported methods.`,
    ),
  };
}

/** 404 NOT_FOUND for a path or method the API does not have; the DebugInfo says what the emulator serves. */
export function methodNotFoundError(httpMethod: string, path: string): ErrorAnswer {
  return {
    status: 404,
    body: errorBody(404, 'Method not found.', {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.DebugInfo',
          detail: `tokenflow emulator: nothing is served at ${httpMethod} ${path}. Expected POST {base}/v1beta/models/{model}:generateContent | :streamGenerateContent | :countTokens, or GET {base}/v1beta/models[/{model}].`,
        },
      ],
    }),
  };
}

/** 400 INVALID_ARGUMENT with a BadRequest detail listing the offending fields. */
export function invalidArgumentError(
  message: string,
  fieldViolations: readonly { field?: string; description: string }[] = [],
): ErrorAnswer {
  return {
    status: 400,
    body: errorBody(400, message, {
      details:
        fieldViolations.length > 0
          ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [...fieldViolations] }]
          : [],
    }),
  };
}

/** 400 for a body that is not JSON, in the shape of the real "Invalid JSON payload received." answer. */
export function malformedJsonError(reason: string): ErrorAnswer {
  const message = `Invalid JSON payload received. ${reason}`;
  return invalidArgumentError(message, [{ description: message }]);
}

/** 400 for a body above the size limit (the real API answers 400, "Request payload size exceeds the limit"). */
export function payloadTooLargeError(limitBytes: number): ErrorAnswer {
  return {
    status: 400,
    body: errorBody(400, `Request payload size exceeds the limit: ${limitBytes} bytes.`),
    headers: { connection: 'close' },
  };
}

/** 503 UNAVAILABLE: the model is overloaded (the capacity fault and the random 503 rate). */
export function overloadedError(): ErrorAnswer {
  return { status: 503, body: errorBody(503, 'The model is overloaded. Please try again later.') };
}

/** 500 INTERNAL as the API words it. */
export function internalError(): ErrorAnswer {
  return {
    status: 500,
    body: errorBody(
      500,
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
    ),
  };
}

/** 504 DEADLINE_EXCEEDED as the API words it. */
export function deadlineExceededError(): ErrorAnswer {
  return { status: 504, body: errorBody(504, 'Deadline expired before operation could complete.') };
}

/** The error answer for one of the random-status faults (500, 503, 504). */
export function serverErrorForStatus(status: 500 | 503 | 504): ErrorAnswer {
  if (status === 503) return overloadedError();
  if (status === 504) return deadlineExceededError();
  return internalError();
}

/**
 * 403 for a `cachedContent` the server does not hold (reported wording). The emulator has no
 * `cachedContents` endpoint, so every reference is unknown; this beats a silent success.
 */
export function cachedContentNotFoundError(): ErrorAnswer {
  return { status: 403, body: errorBody(403, 'CachedContent not found (or permission denied)') };
}
