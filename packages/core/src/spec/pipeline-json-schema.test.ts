import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pipelineJsonSchema, pipelineJsonSchemaText } from './pipeline-json-schema.js';
import { pipelineJsonSchemaPath } from './write-pipeline-json-schema.js';

describe('the published JSON Schema', () => {
  it('matches the zod definition (run `pnpm --filter @tokenflow/core run schema` when this fails)', async () => {
    const committed = await readFile(pipelineJsonSchemaPath, 'utf8');
    expect(committed).toBe(pipelineJsonSchemaText());
  });

  it('describes every step kind and forbids unknown keys, so editors can complete and check files', () => {
    const schema = pipelineJsonSchema() as {
      additionalProperties: boolean;
      required: string[];
      definitions: Record<
        string,
        { oneOf?: { properties: { kind: { const: string } } }[]; anyOf?: unknown[] }
      >;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'steps']);
    const step = schema.definitions.Step;
    const kinds = (step?.oneOf ?? (step?.anyOf as never[]) ?? []).map(
      (option: { properties: { kind: { const: string } } }) => option.properties.kind.const,
    );
    expect(kinds).toEqual(['llm', 'tool', 'agent', 'map', 'parallel', 'branch']);
  });

  it('accepts a valid pipeline and rejects a misspelled key when used as a validator', () => {
    const validator = z.fromJSONSchema(pipelineJsonSchema() as Parameters<typeof z.fromJSONSchema>[0]);
    const pipeline = {
      name: 'p',
      steps: [{ id: 'a', kind: 'llm', prompt: 'Hi', output: { title: 'string' } }],
    };
    expect(validator.safeParse(pipeline).success).toBe(true);
    expect(validator.safeParse({ ...pipeline, stepz: [] }).success).toBe(false);
  });
});
