import { TokenflowError } from '@tokenflow/core';

/** Why a calculation did not give a value. */
export type CalculationErrorCode =
  /** The expression uses something the calculator does not offer (a function, a range, deep arrays...). */
  | 'expression_refused'
  /** The expression is empty, too long, or not valid math. */
  | 'expression_invalid'
  /** The calculation ran past its CPU time limit. */
  | 'calculation_timeout'
  /** math.js failed while evaluating (an undefined symbol, mismatched units...); `cause` holds its error. */
  | 'calculation_failed';

/** The calculator could not evaluate an expression; the message is written for the model. */
export class CalculationError extends TokenflowError {
  declare readonly code: CalculationErrorCode;

  constructor(code: CalculationErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CalculationError';
  }
}
