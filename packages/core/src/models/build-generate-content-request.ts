import type { BaseMessage } from '@langchain/core/messages';
import type {
  ChatTokenOffCallOptions,
  TokenOffSafetySetting,
  TokenOffThinkingConfig,
} from './chat-tokenoff-input.js';
import { toGeminiContents } from './to-gemini-contents.js';
import { toGeminiToolConfig, toGeminiTools } from './to-gemini-tools.js';

/** A Gemini GenerateContentRequest, as sent. */
export type GenerateContentRequest = Record<string, unknown> & { generationConfig: Record<string, unknown> };

/** The per-instance settings a request is built from (a ChatTokenOff). */
export interface RequestSettings {
  model: string;
  temperature: number | undefined;
  maxOutputTokens: number | undefined;
  topP: number | undefined;
  topK: number | undefined;
  stopSequences: readonly string[];
  safetySettings: readonly TokenOffSafetySetting[] | undefined;
  json: boolean;
  convertSystemMessageToHumanContent: boolean;
  thinkingConfig: TokenOffThinkingConfig | undefined;
}

/**
 * The request for one call: contents and system instruction from the messages, tools and tool config from
 * the call options, safety settings and cached content from the instance, and the generation config.
 * Throws a plain Error (ChatTokenOff classifies it as `invalid_request`) for what Gemini cannot take.
 */
export function buildGenerateContentRequest(
  settings: RequestSettings,
  messages: readonly BaseMessage[],
  options: Partial<ChatTokenOffCallOptions>,
  cachedContent: string | undefined,
): GenerateContentRequest {
  const { contents, systemInstruction } = toGeminiContents(messages, {
    model: settings.model,
    systemAsUser: settings.convertSystemMessageToHumanContent,
  });
  const tools = options.tools?.length ? toGeminiTools(options.tools) : [];
  const toolConfig =
    tools.length > 0 ? toGeminiToolConfig(options.tool_choice, options.allowedFunctionNames) : undefined;
  return {
    contents,
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolConfig ? { toolConfig } : {}),
    ...(settings.safetySettings?.length ? { safetySettings: settings.safetySettings } : {}),
    ...(cachedContent ? { cachedContent } : {}),
    generationConfig: generationConfigOf(settings, options),
  };
}

/**
 * `generationConfig`: the instance's sampling settings, stop sequences (instance and call), JSON output
 * (`json`, or a `responseSchema` call option from structured output) and thinking. Unset values are left
 * out, so the model's own defaults apply.
 */
export function generationConfigOf(
  settings: RequestSettings,
  options: Partial<ChatTokenOffCallOptions> | undefined,
): Record<string, unknown> {
  const stop = [...settings.stopSequences, ...(options?.stop ?? [])];
  const schema = options?.responseSchema;
  return {
    ...(stop.length > 0 ? { stopSequences: stop } : {}),
    ...(settings.maxOutputTokens !== undefined ? { maxOutputTokens: settings.maxOutputTokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.topP !== undefined ? { topP: settings.topP } : {}),
    ...(settings.topK !== undefined ? { topK: settings.topK } : {}),
    ...(settings.json || schema !== undefined ? { responseMimeType: 'application/json' } : {}),
    ...(schema !== undefined ? { responseSchema: schema } : {}),
    ...(settings.thinkingConfig ? { thinkingConfig: settings.thinkingConfig } : {}),
  };
}
