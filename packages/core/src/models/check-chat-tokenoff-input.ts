import type { ChatTokenOffInput } from './chat-tokenoff-input.js';
import { TokenOffError } from './tokenoff-error.js';

/**
 * Checks what ChatTokenOff can check before any request, and returns the model id (trimmed, without a
 * leading `models/`). Throws an `invalid_request` TokenOffError naming the option and what to do.
 */
export function checkChatTokenOffInput(fields: ChatTokenOffInput): string {
  const model = typeof fields.model === 'string' ? fields.model.trim().replace(/^models\//, '') : '';
  if (model === '') {
    throw new TokenOffError(
      `ChatTokenOff needs a model id such as 'gemini-2.5-flash', got ${JSON.stringify(fields.model)}. Pass the \`model\` option.`,
      { kind: 'invalid_request' },
    );
  }
  const thinking = fields.thinkingConfig;
  if (thinking?.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined) {
    throw new TokenOffError(
      `ChatTokenOff for ${model}: thinkingConfig sets both thinkingBudget (${thinking.thinkingBudget}) and thinkingLevel (${JSON.stringify(thinking.thinkingLevel)}); Gemini accepts one of them. Use thinkingLevel on Gemini 3 models and thinkingBudget on 2.5 models.`,
      { kind: 'invalid_request', model },
    );
  }
  return model;
}
