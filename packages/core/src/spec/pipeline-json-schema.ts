import { z } from 'zod';
import { pipelineSpecSchema } from './pipeline-spec-schema.js';

/**
 * The JSON Schema of the YAML pipeline format, generated from `pipelineSpecSchema` (internal) so the two
 * never disagree. Editors use it (through `# yaml-language-server: $schema=...`) to autocomplete and
 * check pipeline files. Published as `packages/core/schema/pipeline.schema.json` by `pnpm run schema`.
 */
export function pipelineJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(pipelineSpecSchema, {
    // Draft 7: the draft editors' YAML and JSON language servers support most completely.
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return inlineAliasDefinitions(schema);
}

/**
 * zod names each `z.lazy` wrapper `__schemaN`, a definition that is only a reference (`{ $ref }`, or
 * `{ allOf: [{ $ref }] }` in draft 7); pointing its
 * users at the target directly keeps the published schema readable.
 */
function inlineAliasDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = (schema.definitions ?? {}) as Record<string, Record<string, unknown>>;
  const aliases = new Map<string, string>();
  for (const [name, definition] of Object.entries(definitions)) {
    const target = aliasTarget(definition);
    if (target !== undefined) aliases.set(`#/definitions/${name}`, target);
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'definitions') {
        const kept = Object.entries(item as Record<string, unknown>).filter(
          ([name]) => !aliases.has(`#/definitions/${name}`),
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

/** The reference a definition only forwards to, if that is all it does. */
function aliasTarget(definition: Record<string, unknown>): string | undefined {
  const keys = Object.keys(definition);
  if (keys.length === 1 && typeof definition.$ref === 'string') return definition.$ref;
  const allOf = definition.allOf;
  if (keys.length === 1 && Array.isArray(allOf) && allOf.length === 1) {
    const only = allOf[0] as Record<string, unknown>;
    if (Object.keys(only).length === 1 && typeof only.$ref === 'string') return only.$ref;
  }
  return undefined;
}
