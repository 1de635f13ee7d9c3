import { describe, expect, it } from 'vitest';
import { findEmulatedModel } from '../catalog/emulated-models.js';
import { createRandom } from './deterministic-hash.js';
import { generateAnswer } from './generate-answer.js';
import { checkJsonSchema } from './test-support/check-json-schema.js';

/**
 * Property-style check: hundreds of schemas built by a seeded generator (deterministic, so a failure
 * reproduces by its index), in both flavours, each answered and checked by the independent checker.
 * Only satisfiable schemas are built (ranges that contain a value, oneOf options of different types).
 */

const flash = findEmulatedModel('gemini-2.5-flash');
if (flash === undefined) throw new Error('gemini-2.5-flash missing from the catalog');

const prompt =
  'Extract everything: Contoso Ltd paid $3,400 to Fabrikam Inc on 2025-01-15; Jane Doe (jane@contoso.com) approved it in Seattle. ' +
  'Order 42 had 7 items and was rated 4 of 5. The team was happy with the result.';
const names = [
  'name',
  'company',
  'total',
  'date',
  'email',
  'count',
  'items',
  'status',
  'score',
  'notes',
  'tags',
  'person',
  'city',
  'flag',
  'id',
];
const patterns = ['^[A-Z]{2}\\d{3}$', '^ORD-[0-9]+$', '^(low|high)$', '^\\w+@\\w+\\.org$'];
const formats = ['date', 'date-time', 'email', 'uri'];

type Random = () => number;
const pickOne = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
const integer = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function openApi(random: Random, depth: number): Record<string, unknown> {
  const upper = random() < 0.5;
  const type = (name: string) => (upper ? name.toUpperCase() : name);
  const kind =
    depth > 2
      ? pickOne(random, ['string', 'number', 'integer', 'boolean', 'enum'])
      : pickOne(random, ['object', 'array', 'string', 'integer', 'anyOf', 'enum', 'object']);
  const nullable = random() < 0.2 ? { nullable: true } : {};
  switch (kind) {
    case 'object': {
      const count = integer(random, 0, 4);
      const properties: Record<string, unknown> = {};
      for (let index = 0; index < count; index += 1)
        properties[`${pickOne(random, names)}${index}`] = openApi(random, depth + 1);
      const keys = Object.keys(properties);
      return {
        type: type('object'),
        properties,
        required: keys.filter(() => random() < 0.6),
        ...(random() < 0.3 ? { propertyOrdering: [...keys].reverse() } : {}),
        ...nullable,
      };
    }
    case 'array': {
      const minItems = integer(random, 0, 2);
      return {
        type: type('array'),
        items: openApi(random, depth + 1),
        minItems: String(minItems),
        maxItems: String(minItems + integer(random, 0, 3)),
        ...nullable,
      };
    }
    case 'string':
      return random() < 0.3
        ? { type: type('string'), format: pickOne(random, ['date', 'date-time']), ...nullable }
        : { type: type('string'), ...nullable };
    case 'integer':
    case 'number': {
      const minimum = integer(random, -5, 50);
      return { type: type(kind), minimum, maximum: minimum + integer(random, 0, 100), ...nullable };
    }
    case 'anyOf':
      return { anyOf: [openApi(random, depth + 1), openApi(random, depth + 1)], ...nullable };
    case 'enum':
      return {
        type: type('string'),
        enum: ['alpha', 'beta', 'happy', 'high'].filter(() => random() < 0.7).concat('gamma'),
        ...nullable,
      };
    default:
      return { type: type('boolean'), ...nullable };
  }
}

function jsonSchema(
  random: Random,
  depth: number,
  definitions: Record<string, unknown>,
): Record<string, unknown> {
  const kind =
    depth > 2
      ? pickOne(random, ['string', 'number', 'integer', 'boolean', 'const', 'enum'])
      : pickOne(random, [
          'object',
          'array',
          'string',
          'number',
          'oneOf',
          'anyOf',
          'typeArray',
          'ref',
          'allOf',
          'map',
        ]);
  switch (kind) {
    case 'object': {
      const properties: Record<string, unknown> = {};
      for (let index = 0; index < integer(random, 0, 4); index += 1)
        properties[`${pickOne(random, names)}${index}`] = jsonSchema(random, depth + 1, definitions);
      const keys = Object.keys(properties);
      return {
        type: 'object',
        properties,
        required: keys.filter(() => random() < 0.6),
        additionalProperties: random() < 0.5 ? false : { type: 'string' },
      };
    }
    case 'map':
      return {
        type: 'object',
        additionalProperties: jsonSchema(random, depth + 1, definitions),
        minProperties: integer(random, 0, 2),
        maxProperties: 3,
      };
    case 'array': {
      const unique = random() < 0.3;
      const minItems = integer(random, 0, 3);
      const items = unique ? { enum: ['a', 'b', 'c', 'd', 'e'] } : jsonSchema(random, depth + 1, definitions);
      return {
        type: 'array',
        items,
        minItems,
        maxItems: minItems + integer(random, 0, 2),
        ...(unique ? { uniqueItems: true } : {}),
      };
    }
    case 'string': {
      const style = integer(random, 0, 2);
      if (style === 0) return { type: 'string', pattern: pickOne(random, patterns) };
      if (style === 1) return { type: 'string', format: pickOne(random, formats) };
      const minLength = integer(random, 0, 20);
      return { type: 'string', minLength, maxLength: minLength + integer(random, 0, 10) };
    }
    case 'number':
    case 'integer': {
      const low = integer(random, -20, 20);
      const exclusive = random() < 0.5;
      const bounds = exclusive
        ? { exclusiveMinimum: low, exclusiveMaximum: low + integer(random, 3, 50) }
        : { minimum: low, maximum: low + integer(random, 0, 50) };
      return { type: kind, ...bounds, ...(kind === 'integer' && random() < 0.3 ? { multipleOf: 1 } : {}) };
    }
    case 'oneOf':
      return {
        oneOf: [{ type: 'string', maxLength: 30 }, { type: 'integer', minimum: 0 }, { type: 'null' }]
          .filter(() => random() < 0.7)
          .concat({ type: 'boolean' } as never),
      };
    case 'anyOf':
      return {
        anyOf: [jsonSchema(random, depth + 1, definitions), jsonSchema(random, depth + 1, definitions)],
      };
    case 'typeArray':
      return {
        type: pickOne(random, [
          ['string', 'null'],
          ['integer', 'string'],
          ['null', 'number'],
        ]),
      };
    case 'ref': {
      const name = `definition${Object.keys(definitions).length}`;
      definitions[name] = jsonSchema(random, depth + 1, definitions);
      return { $ref: `#/$defs/${name}` };
    }
    case 'allOf':
      return {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: jsonSchema(random, depth + 1, definitions) }, required: ['b'] },
        ],
      };
    case 'const':
      return { const: pickOne(random, ['fixed', 7, true, null]) };
    case 'enum':
      return { enum: ['x', 2, false, 'happy'].filter(() => random() < 0.6).concat('last') };
    default:
      return { type: 'boolean' };
  }
}

function answerJson(
  schemaKey: 'responseSchema' | 'responseJsonSchema',
  schema: unknown,
  seed: number,
): unknown {
  const answer = generateAnswer(
    {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { responseMimeType: 'application/json', [schemaKey]: schema },
    },
    flash as NonNullable<typeof flash>,
    { seed },
  );
  return JSON.parse(answer.answerParts[0]?.text ?? 'undefined');
}

describe('generated schemas always get schema-valid JSON', () => {
  it('holds for 150 OpenAPI schemas (responseSchema)', () => {
    const failures: string[] = [];
    for (let index = 0; index < 150; index += 1) {
      const schema = openApi(createRandom(1000 + index), 0);
      const errors = checkJsonSchema(answerJson('responseSchema', schema, index), schema);
      if (errors.length > 0) failures.push(`#${index} ${JSON.stringify(schema)}: ${errors.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('holds for 150 JSON Schemas (responseJsonSchema)', () => {
    const failures: string[] = [];
    for (let index = 0; index < 150; index += 1) {
      const definitions: Record<string, unknown> = {};
      const root = jsonSchema(createRandom(5000 + index), 0, definitions);
      const schema = { ...root, $defs: definitions };
      const errors = checkJsonSchema(answerJson('responseJsonSchema', schema, index), schema);
      if (errors.length > 0) failures.push(`#${index} ${JSON.stringify(schema)}: ${errors.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
