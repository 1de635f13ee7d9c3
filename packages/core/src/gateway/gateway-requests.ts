import type { TokenUsage } from '../models/token-usage.js';
import type { BreakerState } from './circuit-breaker.js';
import type { GatewayEventListener, ServedCall } from './gateway-events.js';

/** What an attempt function receives. */
export interface AttemptContext {
  callId: string;
  /** The model to call on this attempt (the requested one, or a fallback). */
  model: string;
  /** 1-based over all models of the call. */
  attempt: number;
  /** Aborts when the caller aborts or the attempt times out (`retry.attemptTimeoutMs`). */
  signal: AbortSignal;
}

/** How a call's result is stored in and read from the response cache. */
export interface CacheBinding<T> {
  /**
   * Everything that shapes the answer (model, messages, tools, config), never credentials. Called only
   * when the gateway has a cache, so calls without one pay nothing for it.
   */
  request: () => unknown;
  encode(value: T): unknown;
  decode(data: unknown): T;
}

/** The common part of `call` and `stream` requests. */
export interface GatewayRequestBase {
  /** The model asked for; the head of the fallback chain. */
  model: string;
  /** Input tokens expected, for the TPM window (corrected from the real usage afterwards). @default 0 */
  estimatedInputTokens?: number;
  signal?: AbortSignal;
  /** Receives this call's events, in addition to the gateway's listeners. */
  onEvent?: GatewayEventListener;
  /** The models to try after `model` for this call; `false` or `[]` for none. @default the gateway's chain */
  fallback?: readonly string[] | false;
}

/** A call through the gateway, with any attempt function (benchmarks, non-LangChain transports). */
export interface GatewayCallRequest<T> extends GatewayRequestBase {
  attempt(context: AttemptContext): Promise<{ value: T; usage: TokenUsage }>;
  cache?: CacheBinding<T>;
}

/** A streamed call through the gateway. */
export interface GatewayStreamRequest<T> extends GatewayRequestBase {
  attempt(context: AttemptContext): AsyncIterable<T>;
  /** The usage a chunk adds (LangChain chunks carry deltas). */
  usageOf(chunk: T): TokenUsage | undefined;
  cache?: CacheBinding<T[]>;
}

/** What a stream yields: chunks, then one `served` item at the end. */
export type GatewayStreamItem<T> =
  | { type: 'chunk'; chunk: T; model: string; restart?: { attempt: number; discardedChunks: number } }
  | { type: 'served'; served: ServedCall };

/** The state of one model's circuit. */
export interface CircuitStats {
  model: string;
  state: BreakerState;
  /** When an open circuit lets a probe through (epoch ms); 0 when closed. */
  openUntil: number;
}
