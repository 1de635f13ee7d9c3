import type { EmulatedModel } from '../catalog/emulated-models.js';
import type { Content, GenerateContentRequest } from '../wire/types.js';
import { messageViolation, type RequestViolation } from './request-violation.js';

/**
 * Gemini 3 models refuse a history function call that comes back without its thought signature.
 * The rule covers the current turn only: the model contents after the last user content that carries
 * text (older turns may have lost their signatures). In each such model content the first
 * `functionCall` part must carry a non-empty `thoughtSignature`; with parallel calls only the first
 * has one, so later call parts are not checked. `position` in the message is the 1-based index of the
 * offending content in `contents`.
 */
export function checkThoughtSignatures(
  request: GenerateContentRequest,
  model: EmulatedModel,
): RequestViolation | null {
  if (!model.thoughtSignatures) return null;
  const contents = request.contents ?? [];
  const turnStart = findCurrentTurnStart(contents);
  for (let index = turnStart + 1; index < contents.length; index += 1) {
    const content = contents[index];
    if (content === undefined || content.role !== 'model') continue;
    const firstCall = (content.parts ?? []).find(
      (part) => part.functionCall !== undefined && part.functionCall !== null,
    );
    if (firstCall === undefined) continue;
    if (typeof firstCall.thoughtSignature === 'string' && firstCall.thoughtSignature.length > 0) continue;
    const name = firstCall.functionCall?.name ?? '';
    return messageViolation(
      `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`${name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
    );
  }
  return null;
}

/** Index of the last user content with a text part (the question that started the current turn), or -1. */
export function findCurrentTurnStart(contents: readonly Content[]): number {
  for (let index = contents.length - 1; index >= 0; index -= 1) {
    const content = contents[index];
    if (content === undefined || content.role === 'model') continue;
    if ((content.parts ?? []).some((part) => typeof part.text === 'string' && part.thought !== true))
      return index;
  }
  return -1;
}
