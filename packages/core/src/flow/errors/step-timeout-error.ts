import { TokenflowError } from '../../errors/tokenflow-error.js';

/** A step ran longer than its `timeoutMs`; its work was aborted through its AbortSignal. */
export class StepTimeoutError extends TokenflowError {
  readonly stepId: string;
  readonly timeoutMs: number;

  constructor(stepId: string, timeoutMs: number) {
    super(
      'step_timeout',
      `Step "${stepId}" did not finish within its timeout of ${timeoutMs} ms; it was aborted.`,
    );
    this.name = 'StepTimeoutError';
    this.stepId = stepId;
    this.timeoutMs = timeoutMs;
  }
}
