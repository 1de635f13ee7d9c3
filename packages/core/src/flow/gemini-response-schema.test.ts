import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toGeminiResponseSchema } from './gemini-response-schema.js';

const forbidden = [
  '$ref',
  '$defs',
  '$schema',
  'additionalProperties',
  'const',
  'oneOf',
  'allOf',
  'pattern',
  'default',
];

function keysDeep(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysDeep);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [key, ...keysDeep(child)]);
  }
  return [];
}

describe('toGeminiResponseSchema', () => {
  it('keeps types, required fields and key order, and drops what Gemini rejects', () => {
    const schema = toGeminiResponseSchema(
      z.object({
        name: z
          .string()
          .regex(/^[A-Z]/)
          .describe('Capitalised name'),
        email: z.email(),
        age: z.number().int().min(0).max(150),
        tags: z.array(z.string()).min(1).max(5),
      }),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Capitalised name' },
        email: { type: 'string' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
      },
      propertyOrdering: ['name', 'email', 'age', 'tags'],
      required: ['name', 'email', 'age', 'tags'],
    });
  });

  it('turns nullable and optional fields into nullable / not required', () => {
    const schema = toGeminiResponseSchema(
      z.object({ note: z.string().nullable(), extra: z.number().optional() }),
    );
    expect(schema.properties).toEqual({
      note: { type: 'string', nullable: true },
      extra: { type: 'number' },
    });
    expect(schema.required).toEqual(['note']);
  });

  it('turns literals into one-value enums and keeps string enums', () => {
    const schema = toGeminiResponseSchema(
      z.object({ kind: z.literal('invoice'), mood: z.enum(['happy', 'sad']) }),
    );
    expect(schema.properties).toEqual({
      kind: { type: 'string', enum: ['invoice'] },
      mood: { type: 'string', enum: ['happy', 'sad'] },
    });
  });

  it('inlines shared definitions and refuses unbounded recursion with a clear message', () => {
    const address = z.object({ city: z.string() });
    const shared = toGeminiResponseSchema(z.object({ home: address, work: address }));
    expect(shared.properties).toEqual({
      home: {
        type: 'object',
        properties: { city: { type: 'string' } },
        propertyOrdering: ['city'],
        required: ['city'],
      },
      work: {
        type: 'object',
        properties: { city: { type: 'string' } },
        propertyOrdering: ['city'],
        required: ['city'],
      },
    });
    interface Tree {
      label: string;
      children: Tree[];
    }
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ label: z.string(), children: z.array(tree) }));
    expect(() => toGeminiResponseSchema(tree)).toThrow(/recursive.*Bound the recursion/);
  });

  it('maps unions to anyOf', () => {
    const schema = toGeminiResponseSchema(z.union([z.string(), z.number()]));
    expect(schema).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
  });

  it('never emits a keyword Gemini rejects, whatever the schema', () => {
    const leaf = fc.constantFrom<z.ZodType>(
      z.string(),
      z.number().int(),
      z.boolean(),
      z.literal('x'),
      z.enum(['a', 'b']),
      z.string().nullable(),
      z.uuid(),
      z.string().default('d'),
    );
    const node = fc.letrec<{ schema: z.ZodType }>((tie) => ({
      schema: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc
          .dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie('schema'), { maxKeys: 4 })
          .map((shape) => z.object(shape)),
        tie('schema').map((inner) => z.array(inner)),
        fc.tuple(tie('schema'), tie('schema')).map(([a, b]) => z.union([a, b])),
      ),
    })).schema;
    fc.assert(
      fc.property(node, (schema) => {
        const keys = keysDeep(toGeminiResponseSchema(schema));
        return forbidden.every((keyword) => !keys.includes(keyword));
      }),
      { numRuns: 200 },
    );
  });
});
