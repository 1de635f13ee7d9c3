import { globalRegistry, type z } from 'zod';
import type { SpecPath } from './source-locator.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional, default, lazy and pipe wrappers, picking the union member that best fits `value`. */
function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      current = def.innerType;
    } else if (def.type === 'lazy' && def.getter) {
      current = def.getter();
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else if (def.type === 'union' && def.options) {
      current = bestOption(def.options, value);
    } else {
      return current;
    }
  }
  return current;
}

function bestOption(options: readonly z.ZodType[], value: unknown): z.ZodType {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  let best = options[0] as z.ZodType;
  let bestScore = -1;
  for (const option of options) {
    const def = defOf(unwrap(option, value));
    let score = 0;
    if (record !== undefined && def.type === 'object' && def.shape) {
      score = 1;
      for (const [key, field] of Object.entries(record)) {
        const fieldSchema = def.shape[key];
        if (fieldSchema === undefined) continue;
        score += 1;
        const fieldDef = defOf(fieldSchema);
        if (fieldDef.type === 'literal' && fieldDef.values?.includes(field)) score += 100;
      }
    } else if (Array.isArray(value) && def.type === 'array') {
      score = 1;
    }
    if (score > bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

/** The `description` given with `.meta()` to the schema at `path` (or to a wrapper of it), if any. */
export function descriptionAt(schema: z.ZodType, root: unknown, path: SpecPath): string | undefined {
  const found = walkSchema(schema, root, path);
  if (found === undefined) return undefined;
  let current = found.schema;
  for (let guard = 0; guard < 20; guard++) {
    const description = globalRegistry.get(current)?.description;
    if (description !== undefined) return description;
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'lazy' && def.getter ? def.getter() : undefined);
    if (inner === undefined) return undefined;
    current = inner;
  }
  return undefined;
}

/**
 * The keys an object at `path` may have, following the schema the way the data goes (choosing union
 * members by the data's keys and `kind`). Empty when the path does not lead to a strict object.
 */
export function allowedKeysAt(schema: z.ZodType, root: unknown, path: SpecPath): string[] {
  const found = walkSchema(schema, root, path);
  if (found === undefined) return [];
  const { schema: current, value } = found;
  const def = defOf(unwrap(current, value));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/**
 * Follows `path` through `schema` the way the data `root` goes (choosing union members by the data),
 * returning the schema at the end of the path and the data there; undefined when the path leaves the
 * schema.
 */
function walkSchema(
  schema: z.ZodType,
  root: unknown,
  path: SpecPath,
): { schema: z.ZodType; value: unknown } | undefined {
  let current = schema;
  let value: unknown = root;
  for (const segment of path) {
    const def = defOf(unwrap(current, value));
    const next =
      def.type === 'object'
        ? def.shape?.[String(segment)]
        : def.type === 'array'
          ? def.element
          : def.type === 'record'
            ? def.valueType
            : undefined;
    if (next === undefined) return undefined;
    current = next;
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
  }
  return { schema: current, value };
}
