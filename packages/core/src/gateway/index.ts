export type { AdaptiveSettings } from './adaptive-limit.js';
export { AdaptiveLimit } from './adaptive-limit.js';
export type { BackoffSettings } from './backoff-delay.js';
export { backoffDelay } from './backoff-delay.js';
export { BudgetExceededError } from './budget-exceeded-error.js';
export type { BreakerAdmission, BreakerSettings, BreakerState } from './circuit-breaker.js';
export { CircuitBreaker, msUntilPacificMidnight } from './circuit-breaker.js';
export type { ErrorAction } from './error-policy.js';
export { errorPolicy, isCongestion } from './error-policy.js';
export { charactersPerToken, estimateInputTokens } from './estimate-tokens.js';
export { defaultFallbackChains } from './fallback-chains.js';
export type { GatewayCallErrorData } from './gateway-call-error.js';
export { GatewayCallError } from './gateway-call-error.js';
export type { GatewayClock } from './gateway-clock.js';
export { systemClock } from './gateway-clock.js';
export type {
  ErrorSummary,
  FallbackReason,
  GatewayEvent,
  GatewayEventListener,
  ServedCall,
} from './gateway-events.js';
export type {
  BudgetOptions,
  CacheOptions,
  FallbackOptions,
  GatewayOptions,
  LaneLimitOptions,
  ModelFactory,
  ModelFactorySettings,
  RetryOptions,
} from './gateway-options.js';
export { defaultAdaptive, defaultBreaker, defaultLaneLimits, defaultRetry } from './gateway-options.js';
export type {
  AttemptContext,
  CacheBinding,
  CircuitStats,
  GatewayCallRequest,
  GatewayRequestBase,
  GatewayStreamItem,
  GatewayStreamRequest,
} from './gateway-requests.js';
export { createGateway, ModelGateway } from './model-gateway.js';
export type { LaneLimits, LaneSlot, LaneStats, SlotOutcome } from './model-lane.js';
export { ModelLane } from './model-lane.js';
export type { RateReservation } from './rate-window.js';
export { RateWindow } from './rate-window.js';
export type { RoutedChatModelCallOptions, RoutedChatModelOptions } from './routed-chat-model.js';
export { RoutedChatModel, servedCallKey, streamRestartKey } from './routed-chat-model.js';
export { summarizeError } from './summarize-error.js';
export type { CostFunction, UsageSnapshot, UsageTotals } from './usage-meter.js';
export { UsageMeter } from './usage-meter.js';
export type { ResolvedGatewayOptions } from './validate-gateway-options.js';
export { validateGatewayOptions } from './validate-gateway-options.js';
