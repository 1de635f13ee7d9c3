import type { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import { valueAtPath } from '../errors/value-at-path.js';
import { suggestFrom } from './did-you-mean.js';
import { allowedKeysAt, descriptionAt } from './schema-at-path.js';
import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecIssue } from './spec-issue.js';
import { whereInSpec } from './where-in-spec.js';

/**
 * Turns zod's issues on a pipeline file into positioned, readable {@link SpecIssue}s: unknown keys with
 * a did-you-mean, missing keys, wrong types naming what was found. A missing key that an unknown key
 * nearby was probably meant to be (`promt` for `prompt`) is reported once, as the unknown key.
 */
export function zodIssuesToSpecIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  root: unknown,
  locator: SourceLocator,
  file: string,
): SpecIssue[] {
  const result: SpecIssue[] = [];
  const explainedMissing = new Set<string>();
  const unknownKeyIssues = issues.filter((issue) => issue.code === 'unrecognized_keys');
  for (const issue of unknownKeyIssues) {
    const allowed = allowedKeysAt(schema, root, issue.path as SpecPath);
    const present = valueAtPath(root, issue.path as SpecPath) as Record<string, unknown> | undefined;
    const unused = allowed.filter((key) => present === undefined || !(key in present));
    for (const key of issue.keys) {
      const path = [...(issue.path as SpecPath), key];
      const suggestion = suggestFrom(key, unused.length > 0 ? unused : allowed);
      const match = /^did you mean "(.*)"\?$/.exec(suggestion ?? '')?.[1];
      if (match !== undefined) explainedMissing.add(JSON.stringify([...(issue.path as SpecPath), match]));
      result.push({
        file,
        ...locator.keyAt(path),
        code: 'unknown_key',
        message: `unknown key "${key}" ${whereInSpec(root, issue.path as SpecPath)}`,
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as SpecPath;
    const value = valueAtPath(root, path);
    const key = path.at(-1);
    const where = whereInSpec(root, path.slice(0, -1));
    const name = typeof key === 'number' ? `item ${key + 1}` : `"${String(key ?? 'the file')}"`;
    const base = { file, ...locator.valueAt(path) };
    if (path.length === 0 && issue.code === 'invalid_type') {
      result.push({
        ...base,
        code: 'invalid_type',
        message: `a pipeline file must be a mapping with name: and steps:, found ${describeValue(value, 'yaml')}`,
        suggestion: 'see the example in the spec README',
      });
    } else if (issue.code === 'invalid_type' && value === undefined) {
      if (explainedMissing.has(JSON.stringify(path))) continue;
      result.push({
        ...base,
        code: 'missing_key',
        message: `missing ${name} ${where} (expected ${article(issue.expected)})`,
        suggestion: `add ${String(key)}: ...`,
      });
    } else if (issue.code === 'invalid_type') {
      result.push({
        ...base,
        code: 'invalid_type',
        message: `${name} ${where} must be ${article(issue.expected)}, found ${describeValue(value, 'yaml')}`,
      });
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      const found = typeof value === 'string' ? value : '';
      result.push({
        ...base,
        code: value === undefined ? 'missing_key' : 'invalid_value',
        message:
          value === undefined
            ? `missing "${issue.discriminator}" ${where} (one of ${options.map((o) => `"${o}"`).join(', ')})`
            : `${name} ${where} must be one of ${options.map((o) => `"${o}"`).join(', ')}, found ${describeValue(value, 'yaml')}`,
        ...suggestionField(
          value === undefined
            ? `add ${issue.discriminator}: ${options[0] ?? ''}`
            : suggestFrom(found, options),
        ),
      });
    } else if (issue.code === 'invalid_value') {
      const options = issue.values.map(String);
      result.push({
        ...base,
        code: 'invalid_value',
        message: `${name} ${where} must be one of ${options.map((o) => `"${o}"`).join(', ')}, found ${describeValue(value, 'yaml')}`,
        ...suggestionField(suggestFrom(typeof value === 'string' ? value : '', options)),
      });
    } else if (issue.code === 'too_small' || issue.code === 'too_big') {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const what = Array.isArray(value) ? ` item${Number(limit) === 1 ? '' : 's'}` : '';
      const strictness =
        issue.inclusive === false ? (issue.code === 'too_small' ? 'more than' : 'less than') : bound;
      result.push({
        ...base,
        code: 'invalid_value',
        message: `${name} ${where} must ${Array.isArray(value) ? 'have' : 'be'} ${strictness} ${String(limit)}${what}, found ${describeValue(value, 'yaml')}`,
      });
    } else if (issue.code === 'invalid_format') {
      const expected = issue.message.replace(
        /^Invalid string: must match pattern .*$/,
        `match ${issue.format}`,
      );
      result.push({
        ...base,
        code: 'invalid_value',
        message: `${name} ${where} must be ${expected}, found ${describeValue(value, 'yaml')}`,
      });
    } else if (issue.code === 'invalid_union') {
      const expected = descriptionAt(schema, root, path);
      result.push({
        ...base,
        code: 'invalid_type',
        message: `${name} ${where} has an unexpected form, found ${describeValue(value, 'yaml')}`,
        suggestion:
          expected === undefined
            ? 'see the format in the JSON Schema (schema/pipeline.schema.json) or the spec README'
            : `expected: ${expected}`,
      });
    } else if (issue.code === 'custom') {
      result.push({
        ...base,
        code: 'invalid_value',
        message: `${name} ${where} must be ${issue.message}, found ${describeValue(value, 'yaml')}`,
      });
    } else {
      result.push({ ...base, code: 'invalid_value', message: `${name} ${where}: ${issue.message}` });
    }
  }
  return result;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    int: 'an integer',
    boolean: 'true or false',
    record: 'a mapping',
  };
  return names[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

function suggestionField(suggestion: string | undefined): { suggestion?: string } {
  return suggestion === undefined ? {} : { suggestion };
}
