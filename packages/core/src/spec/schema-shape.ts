import type { JsonSchemaSpec } from './pipeline-spec.js';

/**
 * What reference checking knows about a value: a JSON Schema, or `unknown` when nothing was declared
 * (a tool step without `output`, the result of a branch), in which case any path is accepted.
 */
export type ValueShape =
  | { readonly kind: 'schema'; readonly schema: JsonSchemaSpec }
  | { readonly kind: 'unknown' };

/** A shape for a declared schema. */
export function schemaShape(schema: JsonSchemaSpec): ValueShape {
  return { kind: 'schema', schema };
}

/** The shape of an undeclared value. */
export const unknownShape: ValueShape = { kind: 'unknown' };

/** The result of following one path segment into a shape. */
export type ShapeStep =
  | { readonly ok: true; readonly shape: ValueShape }
  | { readonly ok: false; readonly fields: readonly string[]; readonly found: string };

/** The shape of `shape[segment]`: a property of an object, an element of an array, or why not. */
export function shapeChild(shape: ValueShape, segment: string | number): ShapeStep {
  if (shape.kind === 'unknown') return { ok: true, shape };
  const options = flatten(shape.schema);
  if (options.some((option) => typeOf(option).length === 0)) {
    return { ok: true, shape: unknownShape };
  }
  const found: JsonSchemaSpec[] = [];
  const fields: string[] = [];
  for (const option of options) {
    const properties = option.properties as Record<string, JsonSchemaSpec> | undefined;
    if (typeOf(option).includes('object') || properties !== undefined) {
      if (properties === undefined || option.additionalProperties === true)
        return { ok: true, shape: unknownShape };
      fields.push(...Object.keys(properties));
      const child = properties[String(segment)];
      if (child !== undefined && Object.hasOwn(properties, String(segment))) found.push(child);
    }
    if (typeOf(option).includes('array') && (typeof segment === 'number' || /^\d+$/.test(String(segment)))) {
      found.push((option.items as JsonSchemaSpec | undefined) ?? {});
    }
  }
  if (found.length === 1) return { ok: true, shape: schemaShape(found[0] as JsonSchemaSpec) };
  if (found.length > 1) return { ok: true, shape: schemaShape({ anyOf: found }) };
  return { ok: false, fields, found: describeSchema(shape.schema) };
}

/** Whether the value can be an array (`true`), cannot (`false`), or is not known. */
export function shapeIsArray(shape: ValueShape): boolean | undefined {
  if (shape.kind === 'unknown') return undefined;
  const options = flatten(shape.schema);
  if (options.some((option) => typeOf(option).length === 0)) return undefined;
  return options.some((option) => typeOf(option).includes('array'));
}

/** The element shape of an array shape. */
export function shapeElement(shape: ValueShape): ValueShape {
  if (shape.kind === 'unknown') return shape;
  const items = flatten(shape.schema)
    .filter((option) => typeOf(option).includes('array'))
    .map((option) => (option.items as JsonSchemaSpec | undefined) ?? {});
  if (items.length === 0) return unknownShape;
  return schemaShape(items.length === 1 ? (items[0] as JsonSchemaSpec) : { anyOf: items });
}

/** `an object`, `a list`, `a string`... for messages. */
export function describeSchema(schema: JsonSchemaSpec): string {
  const names = flatten(schema).flatMap(typeOf);
  if (names.length === 0) return 'any value';
  const words: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'a boolean',
    null: 'null',
  };
  return [...new Set(names)].map((name) => words[name] ?? name).join(' or ');
}

function flatten(schema: JsonSchemaSpec): JsonSchemaSpec[] {
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchemaSpec[] | undefined;
  if (Array.isArray(union)) return union.flatMap(flatten);
  return [schema];
}

function typeOf(schema: JsonSchemaSpec): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((name): name is string => typeof name === 'string');
  if (schema.properties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  if (Array.isArray(schema.enum))
    return [...new Set(schema.enum.map((value) => (value === null ? 'null' : typeof value)))];
  return [];
}
