import type { TokenUsage } from '../models/token-usage.js';
import type { TokenOffErrorKind } from '../models/tokenoff-error.js';

/** A failure as events and results carry it: data, never the key or the raw request. */
export interface ErrorSummary {
  kind: TokenOffErrorKind;
  message: string;
  /** The model that failed. */
  model?: string;
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
  /** HTTP attempts over all models (0 for a cache hit). */
  attempts: number;
  /** Time spent waiting in lanes and backoff, not on the wire. */
  waitMs: number;
  /** Time on the wire for the attempt that succeeded. */
  latencyMs: number;
  /** Tokens of the answer (zero for a cache hit: nothing was billed). */
  usage: TokenUsage;
  /** USD of the answer; failed attempts that were billed are in `gateway.usage()`, not here. */
  costUsd: number;
  /** True when the answer came from the response cache (no request, no cost). */
  cached: boolean;
  /** Streams only: how many times the answer restarted after output had begun (see `stream-restart`). */
  streamRestarts?: number;
}

/** Why a call moved to another model. */
export type FallbackReason = TokenOffErrorKind | 'circuit-open';

/** Every decision the gateway makes, as typed events (noun-then-verb names). */
export type GatewayEvent =
  /** An HTTP attempt is about to be sent (it holds a lane slot and window room). */
  | {
      type: 'model-request';
      callId: string;
      model: string;
      /** 1-based, over all models of the call. */
      attempt: number;
      estimatedInputTokens: number;
      /** True when this request is the half-open probe of the model's circuit. */
      probe: boolean;
    }
  /** An attempt failed and the same model will be tried again after `delayMs`. */
  | {
      type: 'model-retry';
      callId: string;
      model: string;
      /** The attempt that failed. */
      attempt: number;
      delayMs: number;
      error: ErrorSummary;
    }
  /** The call moves from `from` to `to`. */
  | {
      type: 'model-fallback';
      callId: string;
      from: string;
      to: string;
      reason: FallbackReason;
      error?: ErrorSummary;
    }
  /** The model is skipped by every call until `untilMs` (epoch ms), then probed once. */
  | { type: 'circuit-open'; model: string; untilMs: number; reason: TokenOffErrorKind }
  /** A probe succeeded: the model is back in rotation. */
  | { type: 'circuit-close'; model: string }
  /** A call was served (by a model, or from the cache). */
  | { type: 'model-response'; call: ServedCall }
  /** A call failed for good: no retry or fallback is left, or the error is not one to retry. */
  | { type: 'model-error'; callId: string; model: string; attempts: number; error: ErrorSummary }
  /**
   * A stream failed after it had yielded output and is starting again (on the same model or the next
   * one). Everything streamed so far for this call must be discarded; the first chunk of the new answer
   * carries `response_metadata.tokenflow_restart`.
   */
  | { type: 'stream-restart'; callId: string; model: string; discardedChunks: number; error: ErrorSummary };

export type GatewayEventListener = (event: GatewayEvent) => void;
