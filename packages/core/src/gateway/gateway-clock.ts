import type { Clock } from '../async/clock.js';

/**
 * Time as the gateway sees it. Injected so retry, backoff, window and breaker behaviour can be tested
 * without real waiting.
 */
export type GatewayClock = Clock;

export { systemClock } from '../async/clock.js';
