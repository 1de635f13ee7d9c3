// The `@tokenflow/core/gateway` entry point: the gateway's options, defaults, events, errors, statistics
// and the request types of `call()`/`stream()`. Every name here is published (api/core.gateway.api.md);
// lanes, windows, breakers and backoff are internal. A gateway is made only by `createGateway`, which
// checks its options, so `ModelGateway` and `RoutedChatModel` are exported as types.
export type { Clock } from '../async/index.js';
export type { AdaptiveSettings } from './adaptive-limit.js';
export { BudgetExceededError } from './budget-exceeded-error.js';
export type { BreakerSettings, BreakerState } from './circuit-breaker.js';
export { charactersPerToken, estimateInputTokens } from './estimate-tokens.js';
export { defaultFallbackChains } from './fallback-chains.js';
export type { GatewayCallErrorData } from './gateway-call-error.js';
export { GatewayCallError } from './gateway-call-error.js';
export type { GatewayClock } from './gateway-clock.js';
export type {
  ErrorSummary,
  FallbackReason,
  GatewayEvent,
  GatewayEventListener,
  ServedCall,
} from './gateway-events.js';
export type {
  GatewayGovernor,
  GovernorAdmission,
  GovernorPermit,
  GovernorReport,
  GovernorRequest,
} from './gateway-governor.js';
export { governorKeyId } from './gateway-governor.js';
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
export type { ModelGateway } from './model-gateway.js';
export { createGateway } from './model-gateway.js';
export type { LaneStats, SlotOutcome } from './model-lane.js';
export type {
  RoutedChatModel,
  RoutedChatModelCallOptions,
  RoutedChatModelOptions,
} from './routed-chat-model.js';
export { servedCallKey, streamRestartKey } from './routed-chat-model.js';
export type { CostFunction, UsageSnapshot, UsageTotals } from './usage-meter.js';
export type { ResolvedGatewayOptions } from './validate-gateway-options.js';
