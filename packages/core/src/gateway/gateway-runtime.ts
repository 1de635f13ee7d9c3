import type { CircuitBreaker } from './circuit-breaker.js';
import type { GatewayClock } from './gateway-clock.js';
import type { GatewayEvent, GatewayEventListener } from './gateway-events.js';
import type { GatewayGovernor } from './gateway-governor.js';
import type { RetryOptions } from './gateway-options.js';
import type { LaneSlot, ModelLane } from './model-lane.js';
import type { UsageMeter } from './usage-meter.js';

/** The parts of a gateway a call needs. */
export interface GatewayRuntime {
  clock: GatewayClock;
  random: () => number;
  retry: Required<RetryOptions>;
  meter: UsageMeter;
  lane(model: string): ModelLane;
  /** The model's context window in tokens, from the catalog (undefined for a model it does not list). */
  contextWindow(model: string): number | undefined;
  breaker(model: string): CircuitBreaker;
  emit(event: GatewayEvent, local?: GatewayEventListener): void;
  /** Whether an event would reach anyone (`local` or a gateway listener): events nobody hears are not built. */
  listening(local?: GatewayEventListener): boolean;
  /** The governor shared with other processes, and the hash of the key it counts under. */
  governor?: { governor: GatewayGovernor; keyId: string } | undefined;
}

/** One attempt that holds a slot and may send a request. */
export interface AttemptTicket {
  model: string;
  /** 1-based over all models. */
  attempt: number;
  slot: LaneSlot;
  probe: boolean;
  startedAt: number;
  /** Releases the budget set aside for this attempt. */
  releaseBudget: () => void;
}
