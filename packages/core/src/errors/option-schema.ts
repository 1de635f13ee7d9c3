import { z } from 'zod';
import { valueAtPath } from './value-at-path.js';

/**
 * Zod schemas for option checks whose every issue message is the expectation itself (`a whole number
 * from 1 up`), so a validator can say which option, what was expected and what it got.
 */
export const option = {
  /** An integer from `minimum` up. */
  wholeNumber(minimum: number, expected = `a whole number from ${minimum} up`) {
    return z.number({ error: expected }).int({ error: expected }).min(minimum, { error: expected });
  },
  /** A finite number from `minimum` up (to `maximum`, when given). */
  number(minimum: number, maximum?: number, expected?: string) {
    const text =
      expected ??
      (maximum === undefined ? `a number from ${minimum} up` : `a number from ${minimum} to ${maximum}`);
    const from = z.number({ error: text }).min(minimum, { error: text });
    return maximum === undefined ? from : from.max(maximum, { error: text });
  },
  /** A string that is not empty. */
  text(expected: string) {
    return z.string({ error: expected }).min(1, { error: expected });
  },
  /** A function (its signature is the type's business). */
  function<T>(expected: string) {
    return z.custom<T>((value) => typeof value === 'function', { error: expected });
  },
};

/** One thing wrong with an option: its dotted name, what was expected, and the value found. */
export interface OptionIssue {
  name: string;
  expected: string;
  value: unknown;
}

/**
 * Checks `options` against `schema` and returns the first issue (in the schema's key order), or
 * `undefined` when they are valid. `prefix` names the options object in `name` (`retry.` for nested
 * groups checked on their own).
 */
export function firstOptionIssue(schema: z.ZodType, options: unknown, prefix = ''): OptionIssue | undefined {
  const result = schema.safeParse(options);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  if (issue === undefined) return undefined;
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  return { name: `${prefix}${path.join('.')}`, expected: issue.message, value: valueAtPath(options, path) };
}
