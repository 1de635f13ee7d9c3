import type { EmulatedModel } from '../catalog/emulated-models.js';
import type { GenerateContentRequest } from '../wire/types.js';
import { messageViolation, type RequestViolation } from './request-violation.js';

/**
 * Checks `generationConfig` and `toolConfig` against what the model accepts (gemini-wire.md section 3
 * and the recorded 400s 025-028): thinking budget and level, penalties, forced calling with JSON output,
 * and the output token limit.
 */
export function checkGenerationRules(
  request: GenerateContentRequest,
  model: EmulatedModel,
): RequestViolation | null {
  const config = request.generationConfig ?? {};
  const thinking = config.thinkingConfig ?? {};
  const budget =
    thinking.thinkingBudget === undefined || thinking.thinkingBudget === null
      ? undefined
      : Number(thinking.thinkingBudget);
  const level = normalizeThinkingLevel(thinking.thinkingLevel);
  if (budget !== undefined && level !== undefined) {
    return messageViolation('You can only set only one of thinking budget and thinking level.');
  }
  if (level !== undefined && !(model.thinking.levels ?? []).includes(level)) {
    return messageViolation(
      `Thinking level ${level.toUpperCase()} is not supported for this model. Please retry with other thinking level.`,
    );
  }
  if (budget !== undefined && budget !== -1) {
    if (budget === 0) {
      if (!model.thinking.canDisable)
        return messageViolation('Budget 0 is invalid. This model only works in thinking mode.');
    } else {
      const range = model.thinking.budget;
      if (range === undefined || budget < range.min || budget > range.max) {
        return messageViolation(`The thinking budget (${budget}) is invalid.`);
      }
    }
  }
  if (!model.penalties && (nonZero(config.presencePenalty) || nonZero(config.frequencyPenalty))) {
    return messageViolation(`Penalty is not enabled for models/${model.id}`);
  }
  const mimeType = config.responseMimeType;
  if (mimeType !== undefined && mimeType !== '' && !allowedMimeTypes.includes(mimeType.toLowerCase())) {
    return messageViolation(
      '* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes are `text/plain`, `application/json`, `application/xml`, `application/yaml` and `text/x.enum`.',
    );
  }
  const mode = String(request.toolConfig?.functionCallingConfig?.mode ?? '').toUpperCase();
  if (mode === 'ANY' && (config.responseMimeType ?? '').toLowerCase() === 'application/json') {
    return messageViolation(
      "Forced function calling (ANY mode) with a response mime type: 'application/json' is unsupported",
    );
  }
  const maxOutputTokens =
    config.maxOutputTokens === undefined || config.maxOutputTokens === null
      ? undefined
      : Number(config.maxOutputTokens);
  if (maxOutputTokens !== undefined && (maxOutputTokens < 0 || maxOutputTokens > model.outputTokenLimit)) {
    return messageViolation(
      `Unable to submit request because it has a maxOutputTokens value of ${maxOutputTokens} but the supported range is from 1 (inclusive) to ${model.outputTokenLimit + 1} (exclusive). Update the value and try again.`,
    );
  }
  return null;
}

/** The output formats `responseMimeType` may name. */
const allowedMimeTypes = [
  'text/plain',
  'application/json',
  'application/xml',
  'application/yaml',
  'text/x.enum',
];

/**
 * The thinking level of a request in lowercase (`minimal`, `low`, `medium`, `high`), or undefined when
 * unset or `THINKING_LEVEL_UNSPECIFIED`. Accepts any case and the enum's numbers.
 */
export function normalizeThinkingLevel(level: unknown): string | undefined {
  if (level === undefined || level === null) return undefined;
  const names = ['', 'minimal', 'low', 'medium', 'high'];
  const name = typeof level === 'number' ? names[level] : String(level).toLowerCase();
  if (name === undefined || name === '' || name === 'thinking_level_unspecified') return undefined;
  return name;
}

function nonZero(value: unknown): boolean {
  return value !== undefined && value !== null && Number(value) !== 0;
}
