import type { Context, Meter, Tracer } from '@opentelemetry/api';

/**
 * Where a run reports its spans and metrics. Every field is optional: by default the global
 * OpenTelemetry API is used, which does nothing until an SDK is registered.
 */
export interface TelemetryOptions {
  /**
   * The tracer spans come from.
   * @default trace.getTracer('@tokenflow/core') (the global provider; a no-op without an SDK)
   */
  tracer?: Tracer;
  /**
   * The meter instruments come from.
   * @default metrics.getMeter('@tokenflow/core')
   */
  meter?: Meter;
  /**
   * Record prompts, answers and tool arguments/results on spans (`gen_ai.input.messages`,
   * `gen_ai.output.messages`, `gen_ai.tool.call.arguments`, `gen_ai.tool.call.result`). Off by default
   * because they may hold personal data; API keys are never recorded either way.
   * @default false
   */
  recordContent?: boolean;
  /**
   * The parent of the run's root span (a batch passes its row's span here).
   * @default context.active()
   */
  context?: Context;
}
