import type { TokenUsage } from '../models/token-usage.js';
import type { TokenOffErrorKind } from '../models/tokenoff-error.js';

/** A failure as events and results carry it: data, never the key or the raw request. */
export interface ErrorSummary {
  kind: TokenOffErrorKind;
  message: string;
  status?: number;
  retryDelayMs?: number;
  quotaId?: string;
}

/**
 * What the gateway records about a call that a model finally served. Routed chat models put it on
 * `AIMessage.response_metadata.tokenflow`.
 */
export interface ServedCall {
  callId: string;
  /** The model the caller asked for. */
  requestedModel: string;
  /** The model that produced the answer (differs from `requestedModel` after a fallback). */
  model: string;
  /** Every model tried, in order, ending with `model`. */
  modelsTried: string[];
  /** HTTP attempts over all models. */
  attempts: number;
  /** Time spent waiting in lanes and backoff, not on the wire. */
  waitMs: number;
  /** Time on the wire for the attempt that succeeded. */
  latencyMs: number;
  usage: TokenUsage;
  costUsd: number;
  /** True when the answer came from the response cache (no request, no cost). */
  cached: boolean;
}

/** Every decision the gateway makes, as typed events (noun-then-verb names). */
export type GatewayEvent =
  | { type: 'model-request'; callId: string; model: string; attempt: number; estimatedInputTokens: number }
  | {
      type: 'model-retry';
      callId: string;
      model: string;
      attempt: number;
      delayMs: number;
      error: ErrorSummary;
    }
  | {
      type: 'model-fallback';
      callId: string;
      from: string;
      to: string;
      reason: TokenOffErrorKind | 'circuit-open' | 'budget';
      error?: ErrorSummary;
    }
  | { type: 'circuit-open'; model: string; untilMs: number; reason: TokenOffErrorKind }
  | { type: 'circuit-close'; model: string }
  | { type: 'model-response'; call: ServedCall }
  | { type: 'model-error'; callId: string; model: string; attempts: number; error: ErrorSummary };

export type GatewayEventListener = (event: GatewayEvent) => void;
