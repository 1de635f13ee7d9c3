export { ChatTokenOff } from './chat-tokenoff.js';
export type {
  ChatTokenOffCallOptions,
  ChatTokenOffInput,
  TokenOffThinkingConfig,
} from './chat-tokenoff-input.js';
export type { FinishFacts, TruncatedAnswers } from './check-finish.js';
export { checkFinish } from './check-finish.js';
export { classifyError } from './classify-error.js';
export type { ClassifyErrorContext, HttpErrorAnswer } from './classify-http-error.js';
export { classifyHttpError, formatMs } from './classify-http-error.js';
export type { CostBreakdown } from './cost-of.js';
export { costBreakdownOf, costOf } from './cost-of.js';
export type { ModelCatalog, ModelInfoOverride } from './create-model-catalog.js';
export { createModelCatalog } from './create-model-catalog.js';
export { thoughtSignaturesKey } from './gemini-parts.js';
export type {
  GeminiCandidate,
  GeminiFunctionCall,
  GeminiPart,
  GeminiResponse,
  GeminiUsageMetadata,
  GoogleRpcStatus,
} from './gemini-response.js';
export { GeminiStreamMapper } from './gemini-stream-mapper.js';
export { getModelInfo } from './get-model-info.js';
export { parseGoogleRpcStatus } from './google-rpc-status.js';
export { mapGeminiResponse } from './map-gemini-response.js';
export type { ModelInfo, ModelLimits, ModelPricing, ModelTier, ThinkingControls } from './model-catalog.js';
export { defaultModelCatalog } from './model-catalog.js';
export {
  parseDurationMs,
  parseRetryAfterHeaderMs,
  parseRetryDelayFromMessageMs,
} from './parse-retry-delay.js';
export type { SseEvent } from './parse-sse-events.js';
export { parseSseEvents } from './parse-sse-events.js';
export type { TokenOffConfig, TokenOffConfigInput } from './resolve-tokenoff-config.js';
export { defaultTokenOffBaseUrl, resolveTokenOffConfig } from './resolve-tokenoff-config.js';
export { maxInlineRetryDelayMs, retryTokenOffErrors, stopRetrying } from './retry-tokenoff-errors.js';
export type { TokenUsage } from './token-usage.js';
export { addUsage, emptyUsage } from './token-usage.js';
export type { TokenOffErrorData, TokenOffErrorKind } from './tokenoff-error.js';
export {
  isTokenOffError,
  TokenOffError,
  tokenOffErrorData,
  tokenOffErrorKinds,
  withErrorUsage,
} from './tokenoff-error.js';
export { generateContentUrl } from './tokenoff-transport.js';
export { subtractUsageMetadata, toTokenUsage, toUsageMetadata } from './usage-metadata.js';
