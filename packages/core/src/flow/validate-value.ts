import { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import { valueAtPath } from '../errors/value-at-path.js';
import type { ValidationIssue, ValidationTarget } from './errors/step-validation-error.js';
import { StepValidationError } from './errors/step-validation-error.js';

type ZodIssue = z.core.$ZodIssue;

function expectedOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((value) => JSON.stringify(value)).join(' | ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}${unitOf(issue.origin)}`;
    case 'invalid_format':
      return `a string in ${issue.format} format`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `no keys besides the declared ones (unexpected: ${issue.keys.join(', ')})`;
    case 'invalid_union':
      return 'a value matching one of the union members';
    default:
      return issue.message;
  }
}

function unitOf(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}

/** Turns zod issues into issues that say path, expected and found (found read from the value itself). */
export function toValidationIssues(issues: readonly ZodIssue[], value: unknown): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    return {
      path,
      expected: expectedOf(issue),
      found: describeValue(valueAtPath(value, path)),
      message: issue.message,
    };
  });
}

/** The result of checking a value against a schema, without throwing. */
export type CheckResult<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

/** Schemas found to have async parts: parsed asynchronously from then on, never tried synchronously again. */
const asyncSchemas = new WeakSet<object>();

/** Checks `value` against `schema` (async refinements allowed). */
export async function checkValue<T>(schema: z.ZodType<T>, value: unknown): Promise<CheckResult<T>> {
  const parsed =
    (asyncSchemas.has(schema) ? undefined : syncParse(schema, value)) ?? (await schema.safeParseAsync(value));
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, issues: toValidationIssues(parsed.error.issues, value) };
}

/**
 * The synchronous parse, or undefined when the schema has async parts (zod then throws its
 * `$ZodAsyncError`; the caller parses again asynchronously and remembers the schema, so only the first
 * value a schema sees can run a sync transform before its async part twice). Most schemas are
 * synchronous, and the async parse costs a chain of promises per value.
 */
function syncParse<T>(schema: z.ZodType<T>, value: unknown): z.ZodSafeParseResult<T> | undefined {
  try {
    return schema.safeParse(value);
  } catch (error) {
    // By name too: a schema built with another copy of zod throws that copy's class.
    if (
      error instanceof z.core.$ZodAsyncError ||
      (error instanceof Error && error.constructor.name === '$ZodAsyncError')
    ) {
      asyncSchemas.add(schema);
      return undefined;
    }
    throw error;
  }
}

/**
 * Validates `value` and returns the parsed data, or throws a {@link StepValidationError} that names the
 * step, the target (`input`, `output`, ...), and per issue the path, what was expected and what was found.
 * Synchronous for synchronous schemas (most): the value itself, or the error thrown; a promise only for a
 * schema with async parts. Callers `await` it either way (a chain of async functions per value was a
 * measurable part of a step's cost, issue #12).
 */
export function validateValue<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  stepId: string,
  target: ValidationTarget,
): T | Promise<T> {
  if (schema === undefined) return value as T;
  const parsed = asyncSchemas.has(schema) ? undefined : syncParse(schema, value);
  if (parsed === undefined) return validateAsync(schema, value, stepId, target);
  if (parsed.success) return parsed.data;
  throw new StepValidationError(stepId, target, toValidationIssues(parsed.error.issues, value));
}

async function validateAsync<T>(
  schema: z.ZodType<T>,
  value: unknown,
  stepId: string,
  target: ValidationTarget,
): Promise<T> {
  const parsed = await schema.safeParseAsync(value);
  if (parsed.success) return parsed.data;
  throw new StepValidationError(stepId, target, toValidationIssues(parsed.error.issues, value));
}
