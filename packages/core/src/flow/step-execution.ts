import type { BaseMessage } from '@langchain/core/messages';
import type { TokenUsage } from '../models/token-usage.js';
import type { RunTelemetry } from '../telemetry/run-telemetry.js';
import type { FlowEvent } from './flow-events.js';
import type { MessageUsage } from './message-usage.js';
import type { ModelProvider } from './model-provider.js';
import type { RunContext } from './pipeline-definition.js';

/** An event as a step reports it; the runner adds where it happened. */
export type StepEvent = FlowEvent extends infer Event
  ? Event extends { stepId: string }
    ? Omit<Event, 'runId' | 'stepId' | 'path'>
    : never
  : never;

/** Accumulates what a step's model calls used, for its record and `step-end`. */
export interface StepMeter {
  usage: TokenUsage;
  costUsd: number;
  attempts: number;
  models: string[];
  transcript: BaseMessage[];
}

/** Everything a step executor needs from the runner (internal). */
export interface StepExecution {
  readonly runId: string;
  readonly stepId: string;
  readonly path: string;
  readonly signal: AbortSignal;
  readonly run: RunContext;
  readonly models: ModelProvider | undefined;
  /** Whether model answers are streamed as `text-delta` events. */
  readonly streaming: boolean;
  readonly meter: StepMeter;
  /**
   * Whether anyone receives the step's events (a listener, or a recording run span); false lets callers
   * skip building them. Absent: assume someone does.
   */
  readonly listening?: boolean;
  /** Opens model call spans; undefined when telemetry is off. */
  readonly telemetry?: RunTelemetry | undefined;
  emit(event: StepEvent): void;
  /** Adds one model answer to the meter. */
  record(usage: MessageUsage): void;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
