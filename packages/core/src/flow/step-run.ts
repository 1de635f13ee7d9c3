import { addUsage } from '../models/token-usage.js';
import type { RunTelemetry } from '../telemetry/run-telemetry.js';
import type { FlowEvent } from './flow-events.js';
import type { MessageUsage } from './message-usage.js';
import type { ModelProvider } from './model-provider.js';
import type { RunContext } from './pipeline-definition.js';
import type { RunState } from './run-state.js';
import type { StepEvent, StepExecution, StepMeter } from './step-execution.js';

/**
 * The {@link StepExecution} of one step in one run. A class, so `emit` and `record` live on the
 * prototype: a step no longer allocates closures for them (they were a measurable part of a step's
 * cost, issue #12).
 */
export class StepRun implements StepExecution {
  readonly runId: string;
  readonly stepId: string;
  readonly path: string;
  readonly signal: AbortSignal;
  readonly run: RunContext;
  readonly models: ModelProvider | undefined;
  readonly streaming: boolean;
  readonly meter: StepMeter;
  readonly telemetry: RunTelemetry | undefined;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether anyone receives the step's events: when not, `emit` drops them unbuilt. */
  readonly listening: boolean;
  readonly #state: RunState;

  constructor(
    state: RunState,
    stepId: string,
    path: string,
    run: RunContext,
    meter: StepMeter,
    signal: AbortSignal = state.signal,
  ) {
    this.runId = state.runId;
    this.stepId = stepId;
    this.path = path;
    this.signal = signal;
    this.run = run;
    this.models = state.models;
    this.streaming = state.streaming;
    this.meter = meter;
    this.telemetry = state.telemetry;
    this.sleep = state.sleep;
    this.listening = state.listening;
    this.#state = state;
  }

  emit(event: StepEvent): void {
    if (!this.listening) return;
    this.#state.emit({ runId: this.runId, stepId: this.stepId, path: this.path, ...event } as FlowEvent);
  }

  record(call: MessageUsage): void {
    const meter = this.meter;
    meter.usage = addUsage(meter.usage, call.usage);
    meter.costUsd += call.costUsd;
    meter.attempts += call.attempts;
    meter.models.push(call.model);
  }

  /** The same step run under another signal (a try with its own timeout); meter and events are shared. */
  withSignal(signal: AbortSignal): StepRun {
    return new StepRun(this.#state, this.stepId, this.path, this.run, this.meter, signal);
  }
}
