import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.js';

function problemsOf(source: string): string[] {
  return parseTemplate(source).problems.map(
    (problem) =>
      `${problem.offset}: ${problem.message}${problem.suggestion ? `; ${problem.suggestion}` : ''}`,
  );
}

describe('parseTemplate', () => {
  it('splits text and expressions, with paths, indexes and filters with literal arguments', () => {
    const { template, problems } = parseTemplate(
      'Hi {{ input.name }}: {{ steps.s.items[0].title | truncate(20) | default("-") }}',
    );
    expect(problems).toEqual([]);
    expect(template.parts).toEqual([
      'Hi ',
      { path: ['input', 'name'], filters: [], offset: 6, text: 'input.name' },
      ': ',
      {
        path: ['steps', 's', 'items', 0, 'title'],
        filters: [
          { name: 'truncate', args: [20], offset: 49 },
          { name: 'default', args: ['-'], offset: 64 },
        ],
        offset: 24,
        text: 'steps.s.items[0].title | truncate(20) | default("-")',
      },
    ]);
  });

  it('accepts numeric segments after a dot and escaped braces', () => {
    const { template, problems } = parseTemplate('\\{{ literal }} {{ item.0 }}');
    expect(problems).toEqual([]);
    expect(template.parts).toEqual([
      '{{ literal }} ',
      { path: ['item', 0], filters: [], offset: 18, text: 'item.0' },
    ]);
  });

  it('refuses code: operators, calls and literals are not data paths', () => {
    expect(problemsOf('{{ 1 + 2 }}')).toEqual([
      '3: expected a data path such as input.text or steps.<id>.<field> in "{{ 1 + 2 }}"; templates hold data paths and filters only, never code',
    ]);
    expect(problemsOf('{{ input.text.toString() }}')).toEqual([
      '22: unexpected "()" in "{{ input.text.toString() }}"',
    ]);
  });

  it('refuses __proto__, constructor and prototype segments', () => {
    expect(problemsOf('{{ input.__proto__ }} {{ item.constructor.name }} {{ steps.x.prototype }}')).toEqual([
      '3: "__proto__" is not allowed in a template path; name a field of your data',
      '25: "constructor" is not allowed in a template path; name a field of your data',
      '53: "prototype" is not allowed in a template path; name a field of your data',
    ]);
  });

  it('names unknown filters with a did-you-mean and checks argument counts and types', () => {
    expect(problemsOf('{{ input.a | uper }} {{ input.a | truncate }} {{ input.a | truncate("x") }}')).toEqual(
      [
        '13: unknown filter "uper"; did you mean "upper"?',
        '34: filter "truncate" takes 1 argument, found 0; the first N characters of the text',
        '59: argument 1 of filter "truncate" must be a number, found "x"; the first N characters of the text',
      ],
    );
  });

  it('reports an unclosed {{ and keeps every problem of the template', () => {
    expect(problemsOf('{{ input.a | nope }} and {{ input.b')).toEqual([
      '13: unknown filter "nope"; expected one of: "json", "join", "upper", "lower", "trim", "truncate", "default", "length"',
      '25: a "{{" is never closed; close it with "}}", or write \\{{ for a literal "{{"',
    ]);
  });
});
