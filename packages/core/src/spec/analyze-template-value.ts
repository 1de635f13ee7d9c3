import type { AnalyzedCondition, TemplateValue } from './analyzed-pipeline.js';
import { checkTemplateReferences, type ReferenceScope } from './check-template-references.js';
import type { PathIssue } from './path-issue.js';
import type { ConditionSpec } from './pipeline-spec.js';
import type { SpecPath } from './source-locator.js';

const conditionTests = ['equals', 'not_equals', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;

/**
 * Walks a value written in the file (tool arguments, the output row), parsing and checking every
 * string as a template. Strings without `{{` stay literals.
 */
export function analyzeTemplateValue(
  value: unknown,
  path: SpecPath,
  scope: ReferenceScope,
  issues: PathIssue[],
): TemplateValue {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return { kind: 'literal', value: value.replaceAll('\\{{', '{{') };
    const checked = checkTemplateReferences(value, path, scope);
    issues.push(...checked.issues);
    return { kind: 'template', template: checked.template };
  }
  if (Array.isArray(value)) {
    return {
      kind: 'list',
      items: value.map((item, index) => analyzeTemplateValue(item, [...path, index], scope, issues)),
    };
  }
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'object',
      entries: Object.entries(value).map(
        ([key, item]) => [key, analyzeTemplateValue(item, [...path, key], scope, issues)] as const,
      ),
    };
  }
  return { kind: 'literal', value };
}

/** Checks a branch condition: its value template, and that it has at least one test. */
export function analyzeCondition(
  condition: ConditionSpec,
  path: SpecPath,
  scope: ReferenceScope,
  issues: PathIssue[],
): AnalyzedCondition {
  if ('all' in condition) {
    return {
      kind: 'all',
      conditions: condition.all.map((c, i) => analyzeCondition(c, [...path, 'all', i], scope, issues)),
    };
  }
  if ('any' in condition) {
    return {
      kind: 'any',
      conditions: condition.any.map((c, i) => analyzeCondition(c, [...path, 'any', i], scope, issues)),
    };
  }
  if ('not' in condition) {
    return { kind: 'not', condition: analyzeCondition(condition.not, [...path, 'not'], scope, issues) };
  }
  const checked = checkTemplateReferences(condition.value, [...path, 'value'], scope);
  issues.push(...checked.issues);
  const tests: Record<string, unknown> = {};
  for (const test of conditionTests) {
    if (Object.hasOwn(condition, test) && condition[test] !== undefined) tests[test] = condition[test];
  }
  if (Object.keys(tests).length === 0) {
    issues.push({
      path,
      code: 'missing_key',
      message: 'this condition has a value but no test',
      suggestion: `add one of: ${conditionTests.join(', ')}`,
    });
  }
  return { kind: 'test', value: checked.template, tests };
}
