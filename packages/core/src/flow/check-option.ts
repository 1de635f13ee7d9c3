import { describeValue } from '../errors/describe-value.js';
import { TokenflowError } from '../errors/tokenflow-error.js';

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

/** Checks model settings when a step is built: the API answers 400 to these, after the run started. */
export function checkModelSettings(
  settings: {
    temperature?: number;
    maxOutputTokens?: number;
    thinking?: { budgetTokens?: number; level?: string };
  },
  where: string,
): void {
  const { temperature, thinking } = settings;
  checkWholeNumber(settings.maxOutputTokens, 'maxOutputTokens', where);
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    throw new TokenflowError(
      'flow_invalid_option',
      `Expected \`temperature\` of ${where} to be a number from 0 to 2, got ${describeValue(temperature)}.`,
    );
  }
  if (thinking?.budgetTokens !== undefined && thinking.level !== undefined) {
    throw new TokenflowError(
      'flow_invalid_option',
      `Expected one of \`thinking.budgetTokens\` (2.5 models) or \`thinking.level\` (Gemini 3 models) in ${where}, got both; the API refuses that.`,
    );
  }
  checkWholeNumber(thinking?.budgetTokens, 'thinking.budgetTokens', where, -1);
}
