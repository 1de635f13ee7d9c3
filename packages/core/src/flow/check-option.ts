import { TokenflowError } from '../errors/tokenflow-error.js';
import { describeValue } from './describe-value.js';

/**
 * Checks an optional whole-number option when a step or pipeline is built, so a typo fails at once with
 * a message that names the option, where it is, the expectation and the value.
 */
export function checkWholeNumber(
  value: number | undefined,
  option: string,
  where: string,
  minimum = 1,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < minimum) {
    throw new TokenflowError(
      'flow_invalid_option',
      `Expected \`${option}\` of ${where} to be a whole number from ${minimum} up, got ${describeValue(value)}.`,
    );
  }
}
