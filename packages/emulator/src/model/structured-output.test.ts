import { describe, expect, it } from 'vitest';
import { findEmulatedModel } from '../catalog/emulated-models.js';
import { generateAnswer } from './generate-answer.js';
import { checkJsonSchema } from './test-support/check-json-schema.js';

const flash = findEmulatedModel('gemini-2.5-flash');
if (flash === undefined) throw new Error('gemini-2.5-flash missing from the catalog');

const news = [
  'Acme Corp. agreed on March 3, 2024 to acquire Globex Inc for $1.2 billion, CEO Maria Lopez said.',
  'The deal, announced in Berlin, follows talks with Initech LLC, which had offered €900 million on 2024-02-10.',
  'John Smith, the CFO of Umbrella Group, declined to comment.',
  'Analysts called the deal a strong win for shareholders. Contact press@acme.com or see https://acme.com/news.',
].join(' ');

type Flavour = 'responseSchema' | 'responseJsonSchema';

function structured(prompt: string, flavour: Flavour, schema: unknown, seed = 1): unknown {
  const answer = generateAnswer(
    {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { responseMimeType: 'application/json', [flavour]: schema },
    },
    flash as NonNullable<typeof flash>,
    { seed },
  );
  const text = answer.answerParts.map((part) => part.text ?? '').join('');
  return JSON.parse(text);
}

const openApiSchemas: Record<string, unknown> = {
  'a flat object (recorded 018)': {
    nullable: false,
    properties: { answer: { type: 'STRING' }, confidence: { type: 'INTEGER' } },
    type: 'OBJECT',
  },
  'lowercase types, nullable and enums': {
    type: 'object',
    properties: {
      label: { type: 'string', enum: ['spam', 'ham'] },
      score: { type: 'number', nullable: true },
      note: { type: 'string', nullable: true },
    },
    required: ['label', 'score'],
  },
  'propertyOrdering, min/maxItems and formats': {
    type: 'OBJECT',
    propertyOrdering: ['when', 'tags', 'updated'],
    properties: {
      tags: { type: 'ARRAY', items: { type: 'STRING' }, minItems: '2', maxItems: '3' },
      when: { type: 'STRING', format: 'date' },
      updated: { type: 'STRING', format: 'date-time' },
    },
    required: ['tags', 'when', 'updated'],
  },
  'anyOf with integers and bounds': {
    type: 'OBJECT',
    properties: {
      value: { anyOf: [{ type: 'INTEGER', minimum: 5, maximum: 9 }, { type: 'STRING' }] },
      count: { type: 'INTEGER', minimum: 100 },
    },
    required: ['value', 'count'],
  },
  'arrays of objects': {
    type: 'ARRAY',
    minItems: 2,
    items: {
      type: 'OBJECT',
      properties: { name: { type: 'STRING' }, revenue: { type: 'NUMBER' } },
      required: ['name', 'revenue'],
    },
  },
  'a bare string, a bare boolean': {
    type: 'OBJECT',
    properties: { s: { type: 'STRING', maxLength: 5 }, flag: { type: 'BOOLEAN' } },
    required: ['s', 'flag'],
  },
};

const jsonSchemas: Record<string, unknown> = {
  'type arrays, const and additionalProperties': {
    type: 'object',
    properties: {
      kind: { const: 'deal' },
      total: { type: ['number', 'null'] },
      extra: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 1 },
    },
    required: ['kind', 'total', 'extra'],
    additionalProperties: false,
  },
  '$ref into $defs, recursive': {
    $defs: {
      node: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/$defs/node' } },
        },
        required: ['name'],
      },
    },
    $ref: '#/$defs/node',
  },
  'oneOf that must match exactly one': {
    type: 'object',
    properties: {
      id: {
        oneOf: [
          { type: 'string', pattern: '^INV-[0-9]{4}$' },
          { type: 'integer', minimum: 1 },
        ],
      },
    },
    required: ['id'],
  },
  'numeric bounds of both styles and multipleOf': {
    type: 'object',
    properties: {
      a: { type: 'number', exclusiveMinimum: 10, exclusiveMaximum: 11 },
      b: { type: 'integer', minimum: 3, maximum: 3 },
      c: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
      d: { type: 'integer', multipleOf: 7, minimum: 50 },
    },
    required: ['a', 'b', 'c', 'd'],
  },
  'strings with lengths, patterns and formats': {
    type: 'object',
    properties: {
      code: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
      short: { type: 'string', minLength: 12, maxLength: 14 },
      mail: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      day: { type: 'string', format: 'date' },
    },
    required: ['code', 'short', 'mail', 'site', 'day'],
  },
  'tuples, uniqueItems and allOf': {
    type: 'object',
    properties: {
      pair: {
        type: 'array',
        prefixItems: [{ type: 'string' }, { type: 'integer' }],
        minItems: 2,
        maxItems: 2,
      },
      unique: { type: 'array', items: { enum: ['x', 'y', 'z'] }, uniqueItems: true, minItems: 3 },
      merged: {
        allOf: [
          { type: 'object', properties: { p: { type: 'string' } }, required: ['p'] },
          { properties: { q: { type: 'boolean' } }, required: ['q'] },
        ],
      },
    },
    required: ['pair', 'unique', 'merged'],
  },
};

describe('structured output is always valid for the schema', () => {
  for (const [name, schema] of Object.entries(openApiSchemas)) {
    it(`responseSchema: ${name}`, () => {
      const value = structured(`Extract the data: ${news}`, 'responseSchema', schema);
      // The checker reads OpenAPI schemas as they are (type names in any case, nullable).
      expect(checkJsonSchema(value, schema)).toEqual([]);
    });
  }
  for (const [name, schema] of Object.entries(jsonSchemas)) {
    it(`responseJsonSchema: ${name}`, () => {
      const value = structured(`Extract the data: ${news}`, 'responseJsonSchema', schema);
      expect(checkJsonSchema(value, schema)).toEqual([]);
    });
  }

  it('writes JSON the way the real API does: pretty-printed with two spaces', () => {
    const answer = generateAnswer(
      {
        contents: [{ role: 'user', parts: [{ text: 'Tallest mountain?' }] }],
        generationConfig: {
          responseMimeType: 'application/json',
          responseSchema: openApiSchemas['a flat object (recorded 018)'] as never,
        },
      },
      flash,
      { seed: 1 },
    );
    expect(answer.answerParts[0]?.text).toMatch(/^\{\n {2}"answer": /);
  });
});
