import { describe, expect, it } from 'vitest';
import type { AnalyzedCondition } from './analyzed-pipeline.js';
import { evaluateCondition } from './evaluate-condition.js';
import { parseTemplate } from './template/parse-template.js';

const scope = { input: { label: 'bug', score: 0.7, tags: ['a', 'b'], note: null }, steps: {} };

function test(value: string, tests: Record<string, unknown>): AnalyzedCondition {
  return { kind: 'test', value: parseTemplate(value).template, tests };
}

describe('evaluateCondition', () => {
  it('compares values with every test', () => {
    const cases: [AnalyzedCondition, boolean][] = [
      [test('{{ input.label }}', { equals: 'bug' }), true],
      [test('{{ input.label }}', { not_equals: 'bug' }), false],
      [test('{{ input.tags }}', { equals: ['a', 'b'] }), true],
      [test('{{ input.label }}', { in: ['bug', 'crash'] }), true],
      [test('{{ input.label }}', { not_in: ['bug', 'crash'] }), false],
      [test('{{ input.score }}', { gt: 0.5, lte: 0.7 }), true],
      [test('{{ input.score }}', { gte: 0.8 }), false],
      [test('{{ input.score }}', { lt: 0.7 }), false],
      [test('{{ input.tags | length }}', { equals: 2 }), true],
      [test('{{ input.label }}', { gt: 1 }), false],
      [test('{{ input.note }}', { exists: false }), true],
      [test('{{ input.missing }}', { exists: true }), false],
      [test('{{ input.label }}', { exists: true }), true],
    ];
    for (const [condition, expected] of cases) expect(evaluateCondition(condition, scope)).toBe(expected);
  });

  it('combines conditions with all, any and not', () => {
    const yes = test('{{ input.label }}', { equals: 'bug' });
    const no = test('{{ input.label }}', { equals: 'other' });
    expect(evaluateCondition({ kind: 'all', conditions: [yes, no] }, scope)).toBe(false);
    expect(evaluateCondition({ kind: 'any', conditions: [no, yes] }, scope)).toBe(true);
    expect(evaluateCondition({ kind: 'not', condition: no }, scope)).toBe(true);
  });
});
