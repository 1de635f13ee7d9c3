/**
 * An independent JSON Schema checker for tests: written from the JSON Schema and OpenAPI Schema
 * specifications, sharing no code with the model's own `matchesSchema`, so model tests do not grade
 * the model with itself. Supports what the tests use: type (string or list, any case), nullable, enum,
 * const, properties, required, additionalProperties, items (schema or tuple), prefixItems, min/maxItems,
 * uniqueItems, numeric bounds (both exclusive styles), multipleOf, string length, pattern, formats
 * date / date-time / email / uri, anyOf, oneOf, allOf and local $ref.
 */

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function resolve(root: Schema, reference: string): unknown {
  let current: unknown = root;
  for (const part of reference
    .replace(/^#\/?/, '')
    .split('/')
    .filter((piece) => piece !== '')) {
    current = isObject(current) ? current[part] : undefined;
  }
  return current;
}

const formats: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
};

/** Every way `value` breaks `schema`, as `path: problem` lines; empty when the value is valid. */
export function checkJsonSchema(
  value: unknown,
  schema: unknown,
  root: Schema = isObject(schema) ? schema : {},
  path = '$',
): string[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [`${path}: no value is allowed`];
  if (!isObject(schema)) return [];
  if (typeof schema.$ref === 'string') return checkJsonSchema(value, resolve(root, schema.$ref), root, path);
  const errors: string[] = [];
  if (Array.isArray(schema.allOf))
    for (const member of schema.allOf) errors.push(...checkJsonSchema(value, member, root, path));
  if (
    Array.isArray(schema.anyOf) &&
    !schema.anyOf.some((option) => checkJsonSchema(value, option, root, path).length === 0)
  ) {
    errors.push(`${path}: matches no anyOf option`);
  }
  if (Array.isArray(schema.oneOf)) {
    const count = schema.oneOf.filter(
      (option) => checkJsonSchema(value, option, root, path).length === 0,
    ).length;
    if (count !== 1) errors.push(`${path}: matches ${count} oneOf options, not exactly one`);
  }
  if (value === null && schema.nullable === true) return errors;
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${path}: is not the const`);
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
  ) {
    errors.push(`${path}: ${JSON.stringify(value)} is not in the enum`);
  }
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map((type) =>
      String(type).toLowerCase(),
    );
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      errors.push(`${path}: is ${actual}, expected ${types.join(' or ')}`);
      return errors;
    }
  }
  if (typeof value === 'number') {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum))
      errors.push(`${path}: below minimum`);
    if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum))
      errors.push(`${path}: above maximum`);
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum)
      errors.push(`${path}: not above exclusiveMinimum`);
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum)
      errors.push(`${path}: not below exclusiveMaximum`);
    if (
      typeof multipleOf === 'number' &&
      Math.abs(value / multipleOf - Math.round(value / multipleOf)) > 1e-9
    )
      errors.push(`${path}: not a multiple`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength)
      errors.push(`${path}: shorter than minLength`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      errors.push(`${path}: longer than maxLength`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: does not match the pattern`);
    const format = typeof schema.format === 'string' ? formats[schema.format] : undefined;
    if (format !== undefined && !format.test(value))
      errors.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
  }
  if (Array.isArray(value)) {
    const minItems = Number(schema.minItems ?? 0);
    const maxItems = schema.maxItems === undefined ? Number.POSITIVE_INFINITY : Number(schema.maxItems);
    if (value.length < minItems) errors.push(`${path}: fewer than ${minItems} items`);
    if (value.length > maxItems) errors.push(`${path}: more than ${maxItems} items`);
    if (
      schema.uniqueItems === true &&
      new Set(value.map((item) => JSON.stringify(item))).size !== value.length
    )
      errors.push(`${path}: items repeat`);
    const tuple = Array.isArray(schema.prefixItems)
      ? schema.prefixItems
      : Array.isArray(schema.items)
        ? schema.items
        : [];
    value.forEach((item, index) => {
      const itemSchema =
        index < tuple.length
          ? tuple[index]
          : Array.isArray(schema.items)
            ? schema.additionalItems
            : schema.items;
      errors.push(...checkJsonSchema(item, itemSchema, root, `${path}[${index}]`));
    });
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const name of Array.isArray(schema.required) ? schema.required : []) {
      if (!(String(name) in value)) errors.push(`${path}: missing required ${String(name)}`);
    }
    for (const [key, entry] of Object.entries(value)) {
      if (key in properties) errors.push(...checkJsonSchema(entry, properties[key], root, `${path}.${key}`));
      else if (schema.additionalProperties !== undefined)
        errors.push(...checkJsonSchema(entry, schema.additionalProperties, root, `${path}.${key}`));
    }
    const count = Object.keys(value).length;
    if (typeof schema.minProperties === 'number' && count < schema.minProperties)
      errors.push(`${path}: too few properties`);
    if (typeof schema.maxProperties === 'number' && count > schema.maxProperties)
      errors.push(`${path}: too many properties`);
  }
  return errors;
}
