import { TokenflowError } from '../errors/tokenflow-error.js';
import type { TokenUsage } from '../models/token-usage.js';
import type { RunTelemetry } from '../telemetry/run-telemetry.js';
import type { FlowEvent } from './flow-events.js';
import type { ModelProvider } from './model-provider.js';
import type { StepRecord } from './run-result.js';

/** The mutable bookkeeping of one run (internal to the runner; never shared between runs). */
export interface RunState {
  readonly runId: string;
  readonly pipelineId: string;
  readonly signal: AbortSignal;
  readonly models: ModelProvider | undefined;
  readonly streaming: boolean;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly emit: (event: FlowEvent) => void;
  /**
   * Whether anyone receives step events (a listener, or telemetry whose run span records): when not,
   * callers skip building them. Set once `run-start` was emitted.
   */
  listening: boolean;
  /** Spans and metrics of the run; undefined when telemetry is off. */
  readonly telemetry?: RunTelemetry | undefined;
  /** One record per step run, in completion order (step outputs by id live in the `Scope`). */
  readonly records: StepRecord[];
  usage: TokenUsage;
  costUsd: number;
}

/** Where steps write their results: the run's top level, or one map iteration. */
export interface Scope {
  readonly steps: Record<string, unknown>;
  /** `summarize[3]` inside a map iteration; undefined at the top level. */
  readonly pathPrefix?: string;
  /** The id of the map whose iteration this is. */
  readonly mapId?: string;
}

/** Carries a failing step's id up to the runner, which turns it into a `RunFailedError`. */
export class StepFailure extends TokenflowError {
  readonly stepId: string;
  readonly error: unknown;

  constructor(stepId: string, error: unknown) {
    super('step_failed', error instanceof Error ? error.message : String(error), { cause: error });
    this.name = 'StepFailure';
    this.stepId = stepId;
    this.error = error;
  }
}

/** The path of a step in its scope: `summary`, `summarize[3]`, `summarize[3].clean`. */
export function stepPath(scope: Scope, stepId: string): string {
  if (scope.pathPrefix === undefined) return stepId;
  return stepId === scope.mapId ? scope.pathPrefix : `${scope.pathPrefix}.${stepId}`;
}
