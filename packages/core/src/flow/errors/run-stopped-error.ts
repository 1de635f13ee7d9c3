import { TokenflowError } from '../../errors/tokenflow-error.js';
import type { TokenUsage } from '../../models/token-usage.js';
import type { StepRecord } from '../run-result.js';

/** What a run had finished when it stopped: nothing done is lost. */
export interface CompletedWork {
  runId: string;
  pipelineId: string;
  /** Outputs of the steps that finished, by id. */
  steps: Record<string, unknown>;
  /** Records of every step run, failed ones included. */
  records: StepRecord[];
  usage: TokenUsage;
  costUsd: number;
}

/**
 * A run stopped because a step failed. `cause` is the step's own error (a `StepValidationError`,
 * `StructuredOutputError`, `TokenOffError`, ...); `completed` keeps every finished step's result.
 */
export class RunFailedError extends TokenflowError {
  readonly stepId: string | undefined;
  readonly completed: CompletedWork;

  constructor(stepId: string | undefined, cause: unknown, completed: CompletedWork) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'run_failed',
      `Pipeline "${completed.pipelineId}" failed${stepId ? ` at step "${stepId}"` : ''}: ${reason}`,
      { cause },
    );
    this.name = 'RunFailedError';
    this.stepId = stepId;
    this.completed = completed;
  }
}

/** A run was cancelled through its AbortSignal. `completed` reports what finished before. */
export class RunCancelledError extends TokenflowError {
  readonly completed: CompletedWork;

  constructor(completed: CompletedWork, reason: unknown) {
    const finished = completed.records.filter((record) => record.status === 'success').length;
    super(
      'run_cancelled',
      `Pipeline "${completed.pipelineId}" was cancelled after ${finished} finished step${finished === 1 ? '' : 's'}.`,
      { cause: reason },
    );
    this.name = 'RunCancelledError';
    this.completed = completed;
  }
}
