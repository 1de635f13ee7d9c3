import { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import { firstOptionIssue, option } from '../errors/option-schema.js';
import { TokenflowError } from '../errors/tokenflow-error.js';

function invalidOption(name: string, where: string, expected: string, value: unknown): TokenflowError {
  return new TokenflowError(
    'flow_invalid_option',
    `Expected \`${name}\` of ${where} to be ${expected}, got ${describeValue(value)}.`,
  );
}

/**
 * Checks an optional whole-number option when a step or pipeline is built, so a typo fails at once with
 * a message that names the option, where it is, the expectation and the value.
 */
export function checkWholeNumber(value: number | undefined, name: string, where: string, minimum = 1): void {
  const issue = firstOptionIssue(option.wholeNumber(minimum).optional(), value);
  if (issue !== undefined) throw invalidOption(name, where, issue.expected, value);
}

/** The model settings the API answers 400 to, after the run started. */
const modelSettingsSchema = z.looseObject({
  maxOutputTokens: option.wholeNumber(1).optional(),
  temperature: option.number(0, 2).optional(),
  thinking: z.looseObject({ budgetTokens: option.wholeNumber(-1).optional() }).optional(),
});

/** Checks model settings when a step is built: the API answers 400 to these, after the run started. */
export function checkModelSettings(
  settings: {
    temperature?: number;
    maxOutputTokens?: number;
    thinking?: { budgetTokens?: number; level?: string };
  },
  where: string,
): void {
  const issue = firstOptionIssue(modelSettingsSchema, settings);
  if (issue !== undefined) throw invalidOption(issue.name, where, issue.expected, issue.value);
  const { thinking } = settings;
  if (thinking?.budgetTokens !== undefined && thinking.level !== undefined) {
    throw new TokenflowError(
      'flow_invalid_option',
      `Expected one of \`thinking.budgetTokens\` (2.5 models) or \`thinking.level\` (Gemini 3 models) in ${where}, got both; the API refuses that.`,
    );
  }
}
