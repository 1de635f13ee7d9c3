import { tool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toGeminiSchema, toGeminiToolConfig, toGeminiTools } from './to-gemini-tools.js';

describe('toGeminiTools', () => {
  it('puts every function in one declarations tool and passes built-in tools through', () => {
    const search = tool(() => '', {
      name: 'search',
      description: 'Search',
      schema: z.object({ query: z.string(), strict: z.boolean().optional() }),
    });
    const now = tool(() => '', { name: 'now', description: 'The time', schema: z.object({}) });
    const tools = toGeminiTools([search, now, { googleSearch: {} }]);
    expect(tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'search',
            description: 'Search',
            parameters: {
              type: 'object',
              properties: { query: { type: 'string' }, strict: { type: 'boolean' } },
              required: ['query'],
            },
          },
          { name: 'now', description: 'The time' },
        ],
      },
      { googleSearch: {} },
    ]);
  });

  it('refuses something that is no tool, saying which', () => {
    expect(() => toGeminiTools([{ a: 1, b: 2 }])).toThrow(/tool 1 is neither/);
  });
});

describe('toGeminiSchema', () => {
  it("cuts JSON Schema down to Gemini's subset: no additionalProperties or propertyNames, const as enum, null as nullable", () => {
    const schema = z.object({
      kind: z.literal('a'),
      note: z.string().nullable(),
      extra: z.record(z.string(), z.unknown()),
    });
    expect(toGeminiSchema(schema)).toEqual({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['a'] },
        note: { type: 'string', nullable: true },
        extra: { type: 'object' },
      },
      required: ['kind', 'note', 'extra'],
    });
  });
});

describe('toGeminiToolConfig', () => {
  it('maps tool_choice and allowedFunctionNames to a function calling mode', () => {
    expect(toGeminiToolConfig(undefined, undefined)).toBeUndefined();
    expect(toGeminiToolConfig('auto', undefined)).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(toGeminiToolConfig('required', undefined)).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(toGeminiToolConfig('none', undefined)).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(toGeminiToolConfig('search', undefined)).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['search'] },
    });
    expect(toGeminiToolConfig({ type: 'function', function: { name: 'now' } }, ['search'])).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['search', 'now'] },
    });
  });
});
