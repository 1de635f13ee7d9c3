export type { ModelInfo, ModelLimits, ModelPricing, ModelTier, ThinkingControls } from './model-catalog.js';
export { defaultModelCatalog } from './model-catalog.js';
export type { TokenUsage } from './token-usage.js';
export { addUsage, emptyUsage } from './token-usage.js';
export type { TokenOffErrorData, TokenOffErrorKind } from './tokenoff-error.js';
export { isTokenOffError, TokenOffError, tokenOffErrorKinds } from './tokenoff-error.js';
