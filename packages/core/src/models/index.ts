// The `@tokenflow/core/models` entry point: `ChatTokenOff`, its errors, and the model catalog with its
// prices and limits, and `classifyError` for errors met outside ChatTokenOff (LCEL's bare aborts). Every
// name here is published (api/core.models.api.md); the wire mapping and SSE parsing are internal.
export type { Clock } from '../async/index.js';
export { ChatTokenOff } from './chat-tokenoff.js';
export type {
  ChatTokenOffCallOptions,
  ChatTokenOffInput,
  TokenOffLimits,
  TokenOffSafetySetting,
  TokenOffThinkingConfig,
} from './chat-tokenoff-input.js';
export type { TruncatedAnswers } from './check-finish.js';
export { classifyError } from './classify-error.js';
export type { ClassifyErrorContext } from './classify-http-error.js';
export type { CostBreakdown } from './cost-of.js';
export { costBreakdownOf, costOf } from './cost-of.js';
export type { ModelCatalog, ModelInfoOverride } from './create-model-catalog.js';
export { createModelCatalog } from './create-model-catalog.js';
export { getModelInfo } from './get-model-info.js';
export type { ModelInfo, ModelLimits, ModelPricing, ModelTier, ThinkingControls } from './model-catalog.js';
export { defaultModelCatalog } from './model-catalog.js';
export { defaultTokenOffBaseUrl } from './resolve-tokenoff-config.js';
export type { TokenUsage } from './token-usage.js';
export type { TokenOffErrorData, TokenOffErrorKind } from './tokenoff-error.js';
export { isTokenOffError, TokenOffError, tokenOffErrorKinds } from './tokenoff-error.js';
