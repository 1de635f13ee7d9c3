import { invalidArgumentError } from '../wire/standard-errors.js';
import type { GenerateContentRequest } from '../wire/types.js';
import {
  countRequestTokens,
  type EmulatedModel,
  normalizeCountTokensRequest,
  validateCountTokensRequest,
} from './model-seam.js';
import type { RequestContext } from './request-context.js';

/**
 * `:countTokens` with `{contents}` or `{generateContentRequest}`. `totalTokens` is the same number
 * generateContent reports as `promptTokenCount` for that request.
 */
export function handleCountTokens(context: RequestContext, model: EmulatedModel, body: unknown): void {
  const violation = validateCountTokensRequest(body, model);
  if (violation !== null) {
    context.error(invalidArgumentError(violation.message, violation.fieldViolations));
    return;
  }
  const record = normalizeCountTokensRequest(body);
  const request: GenerateContentRequest = record.generateContentRequest ?? {
    contents: record.contents ?? [],
  };
  const totalTokens = countRequestTokens(request);
  context.json(200, { totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] });
}
