import { TokenflowError } from '../../errors/tokenflow-error.js';

/** A bounded loop (`.until(...)`) ran `maxIterations` times and its condition never held. */
export class LoopLimitError extends TokenflowError {
  readonly loopId: string;
  readonly maxIterations: number;
  /** The last body output. */
  readonly last: unknown;

  constructor(loopId: string, maxIterations: number, last: unknown) {
    super(
      'loop_limit',
      `Loop "${loopId}" ran ${maxIterations} iterations and its stop condition never held. ` +
        'Raise maxIterations or check the condition.',
    );
    this.name = 'LoopLimitError';
    this.loopId = loopId;
    this.maxIterations = maxIterations;
    this.last = last;
  }
}
