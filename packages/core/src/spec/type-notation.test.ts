import { describe, expect, it } from 'vitest';
import { typeNotationToJsonSchema } from './type-notation.js';

describe('typeNotationToJsonSchema', () => {
  it('reads primitives, arrays, enums, nullable unions and grouping', () => {
    const cases: [string, unknown][] = [
      ['string', { type: 'string' }],
      ['integer', { type: 'integer' }],
      ['string[]', { type: 'array', items: { type: 'string' } }],
      ['number[][]', { type: 'array', items: { type: 'array', items: { type: 'number' } } }],
      ['positive|neutral|negative', { type: 'string', enum: ['positive', 'neutral', 'negative'] }],
      ['string|null', { anyOf: [{ type: 'string' }, { type: 'null' }] }],
      ['low | high | null', { anyOf: [{ type: 'string', enum: ['low', 'high'] }, { type: 'null' }] }],
      ['(draft|final)[]', { type: 'array', items: { type: 'string', enum: ['draft', 'final'] } }],
      ["'string'|'number'", { type: 'string', enum: ['string', 'number'] }],
      ['any', {}],
    ];
    for (const [notation, schema] of cases) {
      expect(typeNotationToJsonSchema(notation, ['output'])).toEqual({ schema, issues: [] });
    }
  });

  it('reads mappings as strict objects whose keys ending in ? are optional', () => {
    const { schema, issues } = typeNotationToJsonSchema(
      {
        title: 'string',
        key_points: 'string[]',
        'amount?': 'number',
        people: [{ name: 'string', 'role?': 'string' }],
      },
      ['output'],
    );
    expect(issues).toEqual([]);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string' },
        key_points: { type: 'array', items: { type: 'string' } },
        amount: { type: 'number' },
        people: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, role: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
      required: ['title', 'key_points', 'people'],
      additionalProperties: false,
    });
  });

  it('reports every bad type with its path and a suggestion', () => {
    const { issues } = typeNotationToJsonSchema(
      { title: 'strng', 'tags?': 'string[', list: [], 'a?': 'x', a: 'string' },
      ['steps', 0, 'output'],
    );
    expect(issues).toEqual([
      {
        path: ['steps', 0, 'output', 'title'],
        code: 'invalid_type_notation',
        message:
          'unknown type "strng" (expected string, number, integer, boolean, null, any, "type[]", "a|b" or a mapping of fields)',
        suggestion: 'did you mean "string"?',
      },
      {
        path: ['steps', 0, 'output', 'tags?'],
        code: 'invalid_type_notation',
        message: 'cannot read type "string[": expected "]" after "["',
      },
      {
        path: ['steps', 0, 'output', 'list'],
        code: 'invalid_type_notation',
        message: 'an array type is written as a list of exactly one element type, found 0 elements',
        suggestion: 'write [ { field: type } ] or "type[]"',
      },
      {
        path: ['steps', 0, 'output', 'a?'],
        code: 'invalid_type_notation',
        message:
          'unknown type "x" (expected string, number, integer, boolean, null, any, "type[]", "a|b" or a mapping of fields)',
        suggestion: 'for a single allowed value write it quoted: "\'value\'"',
      },
      {
        path: ['steps', 0, 'output', 'a'],
        at: 'key',
        code: 'invalid_type_notation',
        message: 'field "a" is declared twice',
      },
    ]);
  });
});
