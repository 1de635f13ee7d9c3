import { z } from 'zod';
import { pipelineSpecSchema } from './pipeline-spec-schema.js';

/**
 * The JSON Schema of the YAML pipeline format, generated from {@link pipelineSpecSchema} so the two
 * never disagree. Editors use it (through `# yaml-language-server: $schema=...`) to autocomplete and
 * check pipeline files. Published as `packages/core/schema/pipeline.schema.json` by `pnpm run schema`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(pipelineSpecSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return inlineAliasDefinitions(schema);
}

/**
 * zod names each `z.lazy` wrapper `__schemaN`, a definition that is only `{ $ref: ... }`; pointing its
 * users at the target directly keeps the published schema readable.
 */
function inlineAliasDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const aliases = new Map<string, string>();
  for (const [name, definition] of Object.entries(definitions)) {
    const keys = Object.keys(definition);
    if (keys.length === 1 && typeof definition.$ref === 'string')
      aliases.set(`#/$defs/${name}`, definition.$ref);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$defs') {
        const kept = Object.entries(item as Record<string, unknown>).filter(
          ([name]) => !aliases.has(`#/$defs/${name}`),
        );
        result[key] = Object.fromEntries(kept.map(([name, definition]) => [name, rewrite(definition)]));
      } else {
        result[key] =
          key === '$ref' && typeof item === 'string' ? (aliases.get(item) ?? item) : rewrite(item);
      }
    }
    return result;
  };
  return rewrite(schema) as Record<string, unknown>;
}

/** The schema file's exact text: 2-space JSON and a final newline. */
export function pipelineJsonSchemaText(): string {
  return `${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`;
}
