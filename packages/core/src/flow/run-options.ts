import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import type { FlowEventListener } from './flow-events.js';
import type { GatewayLike } from './gateway-models.js';
import type { ModelProvider } from './model-provider.js';

/** Time as the runner sees it; injected in tests so retries and durations need no real waiting. */
export interface RunClock {
  /**
   * Milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Waits between retries of non-model steps; must reject when `signal` aborts.
   * @default a setTimeout that the signal cancels
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** How to run a pipeline. */
export interface RunOptions {
  /**
   * Cancels the run: reaches the HTTP request of the model call in flight and every tool. The run then
   * rejects with a `RunCancelledError` that lists what finished.
   * @default undefined (not cancellable)
   */
  signal?: AbortSignal;
  /**
   * Where `llm` and `agent` steps get chat models: the model gateway, or any `{ chatModel(model, settings) }`.
   * Required only when the pipeline has model steps.
   * @example { models: gateway }
   */
  models?: ModelProvider;
  /**
   * The model gateway (`createGateway()`), used through `gatewayModels(gateway)` when `models` is unset.
   * @example { gateway: createGateway() }
   */
  gateway?: GatewayLike;
  /**
   * Receives every event of the run, in order, synchronously.
   * @default undefined
   */
  onEvent?: FlowEventListener;
  /**
   * Stream model answers and report them as `text-delta` events. `stream()` turns it on.
   * @default false
   */
  streamText?: boolean;
  /**
   * The run id on events and results.
   * @default a random UUID
   */
  runId?: string;
  clock?: RunClock;
  /**
   * OpenTelemetry spans and metrics of the run (GenAI conventions; see the telemetry README). On by
   * default through the global API, which costs next to nothing until an SDK is registered; `false`
   * turns it off altogether.
   * @default {} (global tracer and meter, no prompt or answer content)
   */
  telemetry?: TelemetryOptions | false;
}
