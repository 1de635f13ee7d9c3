import type { EmulatedModel } from '../catalog/emulated-models.js';
import { countRequestTokens } from '../model/tokenizer.js';
import type { Content, GenerateContentRequest } from '../wire/types.js';
import { checkProtobufJson } from './check-protobuf-json.js';
import { checkContents } from './content-rules.js';
import { checkGenerationRules } from './generation-rules.js';
import { normalizeCountTokensRequest, normalizeGenerateContentRequest } from './normalize-request.js';
import { countTokensRequestMessage, generateContentRequestMessage } from './request-descriptors.js';
import {
  fieldViolationsToRequestViolation,
  messageViolation,
  type RequestViolation,
} from './request-violation.js';
import { checkSchemas } from './schema-rules.js';
import { checkThoughtSignatures } from './signature-rules.js';

export type { FieldViolation, RequestViolation } from './request-violation.js';

/** A `countTokens` body: bare `contents`, or a whole `generateContentRequest`. */
export interface CountTokensRequestBody {
  model?: string;
  contents?: Content[];
  generateContentRequest?: GenerateContentRequest;
}

/**
 * Validates a `generateContent` / `streamGenerateContent` body for `model` as the real API does:
 * protobuf-JSON parsing first (unknown fields, wrong types, bad enums, with BadRequest field
 * violations), then the conversation (contents, parts, roles), schemas and function names, the
 * model's thinking and penalty rules, Gemini 3 thought signatures, and the input token limit.
 *
 * @returns null when the request is valid, else the 400 INVALID_ARGUMENT to answer.
 */
export function validateGenerateContentRequest(body: unknown, model: EmulatedModel): RequestViolation | null {
  const checked = checkGenerateContentRequest(body, model);
  return checked.ok ? null : checked.violation;
}

/** A checked `generateContent` body: the violation to answer, or the request ready for the model. */
export type CheckedGenerateContentRequest =
  | { ok: false; violation: RequestViolation }
  | {
      ok: true;
      /** The body as {@link normalizeGenerateContentRequest} writes it. */
      request: GenerateContentRequest;
      /** Its prompt tokens, as `countRequestTokens` counts them. */
      promptTokens: number;
    };

/**
 * {@link validateGenerateContentRequest} that also hands back what it worked out on the way, the
 * normalized request and its token count, so a server answering the request does not redo them.
 */
export function checkGenerateContentRequest(
  body: unknown,
  model: EmulatedModel,
): CheckedGenerateContentRequest {
  const parseProblems = checkProtobufJson(body, generateContentRequestMessage);
  if (parseProblems.length > 0)
    return { ok: false, violation: fieldViolationsToRequestViolation(parseProblems) };
  const request = normalizeGenerateContentRequest(body);
  const violation =
    checkContents(request, 'GenerateContentRequest') ??
    checkSchemas(request, 'GenerateContentRequest') ??
    checkGenerationRules(request, model) ??
    checkThoughtSignatures(request, model);
  if (violation !== null) return { ok: false, violation };
  const promptTokens = countRequestTokens(request);
  if (promptTokens > model.inputTokenLimit) {
    return {
      ok: false,
      violation: messageViolation(
        `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${model.inputTokenLimit}).`,
      ),
    };
  }
  return { ok: true, request, promptTokens };
}

/**
 * Validates a `countTokens` body: either `contents` or `generateContentRequest` (with its own
 * contents), parsed like protobuf JSON. A nested request must also follow the model's generation rules
 * (thinking, penalties, output format); signatures and the input limit do not apply to counting.
 *
 * @returns null when the request is valid, else the 400 INVALID_ARGUMENT to answer.
 */
export function validateCountTokensRequest(body: unknown, model: EmulatedModel): RequestViolation | null {
  const parseProblems = checkProtobufJson(body, countTokensRequestMessage);
  if (parseProblems.length > 0) return fieldViolationsToRequestViolation(parseProblems);
  const request = normalizeCountTokensRequest(body);
  const inner = request.generateContentRequest;
  if (inner !== undefined && request.contents !== undefined && request.contents.length > 0) {
    return messageViolation(
      '* CountTokensRequest: contents and generate_content_request cannot both be set. Use only one of them.',
    );
  }
  if (inner !== undefined) {
    return (
      checkContents(inner, 'CountTokensRequest.generate_content_request') ??
      checkSchemas(inner, 'CountTokensRequest.generate_content_request') ??
      checkGenerationRules(inner, model)
    );
  }
  return checkContents({ contents: request.contents ?? [] }, 'CountTokensRequest');
}
