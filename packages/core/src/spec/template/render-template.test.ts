import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.js';
import { renderTemplate, renderTemplateValue } from './render-template.js';

const scope = {
  input: { name: 'Ada', text: 'Hello, world', tags: ['math', 'code'], note: null },
  steps: { summary: { bullets: ['first', 'second'], score: 0.5 } },
  item: { title: 'Chunk 1' },
  index: 2,
};

function render(source: string): string {
  return renderTemplate(parseTemplate(source).template, scope);
}

describe('renderTemplate', () => {
  it('writes strings as they are, numbers as written, lists and objects as JSON, missing as nothing', () => {
    expect(
      render(
        '{{ input.name }}|{{ steps.summary.score }}|{{ input.tags }}|{{ input.missing }}|{{ input.note }}',
      ),
    ).toBe('Ada|0.5|["math","code"]||');
  });

  it('applies every named filter', () => {
    expect(render('{{ steps.summary.bullets | join(" / ") }}')).toBe('first / second');
    expect(render('{{ input.tags | join }}')).toBe('math, code');
    expect(render('{{ input.name | upper }} {{ input.name | lower }}')).toBe('ADA ada');
    expect(render('{{ input.text | truncate(5) }}')).toBe('Hello');
    expect(render('{{ input.missing | default("none") }} {{ input.note | default(0) }}')).toBe('none 0');
    expect(render('{{ input.tags | length }} {{ input.text | length }}')).toBe('2 12');
    expect(render('{{ item | json }}')).toBe('{"title":"Chunk 1"}');
    expect(render('{{ item | json(2) }}')).toBe('{\n  "title": "Chunk 1"\n}');
    expect(render('[{{ input.missing | trim }}]')).toBe('[]');
  });

  it('reads indexes, map elements and their index', () => {
    expect(
      render('{{ steps.summary.bullets[1] }} {{ steps.summary.bullets.0 }} {{ item.title }} #{{ index }}'),
    ).toBe('second first Chunk 1 #2');
  });

  it('never follows inherited properties', () => {
    expect(render('[{{ input.name.length }}][{{ input.tags.length }}][{{ input.toString }}]')).toBe('[][][]');
  });

  it('fails with the expression when a filter gets the wrong kind of value', () => {
    expect(() => render('{{ input.name | join }}')).toThrow(
      '{{ input.name | join }}: filter "join" expects a list, got string',
    );
  });
});

describe('renderTemplateValue', () => {
  it('keeps the type of a value written as exactly one expression', () => {
    expect(renderTemplateValue(parseTemplate(' {{ input.tags }} ').template, scope)).toEqual([
      'math',
      'code',
    ]);
    expect(renderTemplateValue(parseTemplate('{{ input.tags | length }}').template, scope)).toBe(2);
  });

  it('renders text when the template mixes text and expressions', () => {
    expect(renderTemplateValue(parseTemplate('tags: {{ input.tags | join }}').template, scope)).toBe(
      'tags: math, code',
    );
  });
});
