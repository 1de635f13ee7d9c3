import { isDeepStrictEqual } from 'node:util';
import type { AnalyzedCondition } from './analyzed-pipeline.js';
import { renderTemplateValue, type TemplateScope } from './template/render-template.js';

/**
 * Evaluates a branch condition against the current data. Every test written must hold; numeric
 * comparisons are false for values that are not numbers; `exists` means neither missing nor null.
 */
export function evaluateCondition(condition: AnalyzedCondition, scope: TemplateScope): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.every((child) => evaluateCondition(child, scope));
    case 'any':
      return condition.conditions.some((child) => evaluateCondition(child, scope));
    case 'not':
      return !evaluateCondition(condition.condition, scope);
    case 'test': {
      const value = renderTemplateValue(condition.value, scope);
      return Object.entries(condition.tests).every(([test, expected]) => holds(test, value, expected));
    }
  }
}

function holds(test: string, value: unknown, expected: unknown): boolean {
  const number = typeof value === 'number' ? value : undefined;
  switch (test) {
    case 'equals':
      return isDeepStrictEqual(value, expected);
    case 'not_equals':
      return !isDeepStrictEqual(value, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((option) => isDeepStrictEqual(value, option));
    case 'not_in':
      return Array.isArray(expected) && !expected.some((option) => isDeepStrictEqual(value, option));
    case 'gt':
      return number !== undefined && number > Number(expected);
    case 'gte':
      return number !== undefined && number >= Number(expected);
    case 'lt':
      return number !== undefined && number < Number(expected);
    case 'lte':
      return number !== undefined && number <= Number(expected);
    case 'exists':
      return (value !== undefined && value !== null) === expected;
    default:
      return false;
  }
}
