/**
 * One schema model for both flavours the API takes: the restricted OpenAPI `Schema` (`responseSchema`,
 * `parameters`) and full JSON Schema (`responseJsonSchema`, `parametersJsonSchema`). Values are
 * generated from, and checked against, this model only.
 */

/** What every node knows about the field it describes. */
export interface SchemaInfo {
  description?: string;
  title?: string;
}

/** A normalised schema. `anyOf` also carries `oneOf` (with `exclusive`) and nullable types. */
export type SchemaNode = SchemaInfo &
  (
    | {
        type: 'object';
        properties: { name: string; schema: SchemaNode }[];
        required: string[];
        /** Schema of extra keys (a map), false when closed or unspecified. */
        additional: SchemaNode | false;
        minProperties?: number;
        maxProperties?: number;
      }
    | {
        type: 'array';
        items: SchemaNode;
        prefixItems: SchemaNode[];
        minItems: number;
        maxItems?: number;
        uniqueItems: boolean;
      }
    | { type: 'string'; format?: string; minLength?: number; maxLength?: number; pattern?: string }
    | {
        type: 'number' | 'integer';
        minimum?: number;
        maximum?: number;
        exclusiveMinimum?: number;
        exclusiveMaximum?: number;
        multipleOf?: number;
      }
    | { type: 'boolean' }
    | { type: 'null' }
    | { type: 'enum'; values: unknown[] }
    | { type: 'anyOf'; options: SchemaNode[]; exclusive: boolean }
    | { type: 'any' }
    | { type: 'never' }
  );

/** Deepest `$ref` chain or nesting followed; beyond it a schema is treated as `any`. */
const maxDepth = 24;

function info(raw: Record<string, unknown>): SchemaInfo {
  const result: SchemaInfo = {};
  if (typeof raw.description === 'string') result.description = raw.description;
  if (typeof raw.title === 'string') result.title = raw.title;
  return result;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function nullable(node: SchemaNode, isNullable: boolean): SchemaNode {
  if (!isNullable || node.type === 'null' || node.type === 'any') return node;
  return { type: 'anyOf', options: [node, { type: 'null' }], exclusive: false, ...infoOf(node) };
}

function infoOf(node: SchemaNode): SchemaInfo {
  return withoutUndefined({ description: node.description, title: node.title });
}

/** Normalises an OpenAPI `Schema` (type names in any case, `nullable`, `propertyOrdering`, `anyOf`). */
export function fromOpenApiSchema(raw: unknown, depth = 0): SchemaNode {
  if (!isRecord(raw) || depth > maxDepth) return { type: 'any' };
  const base = info(raw);
  const type = typeof raw.type === 'string' ? raw.type.toLowerCase() : undefined;
  const isNullable = raw.nullable === true;
  if (Array.isArray(raw.anyOf) && raw.anyOf.length > 0) {
    const options = raw.anyOf.map((option) => fromOpenApiSchema(option, depth + 1));
    return nullable({ type: 'anyOf', options, exclusive: false, ...base }, isNullable);
  }
  if (Array.isArray(raw.enum) && raw.enum.length > 0 && (type === undefined || type === 'string')) {
    return nullable(
      { type: 'enum', values: raw.enum.filter((value) => typeof value === 'string'), ...base },
      isNullable,
    );
  }
  let node: SchemaNode;
  if (type === 'object' || (type === undefined && isRecord(raw.properties))) {
    const properties = isRecord(raw.properties) ? raw.properties : {};
    const ordering = Array.isArray(raw.propertyOrdering)
      ? raw.propertyOrdering.filter((name) => typeof name === 'string')
      : [];
    const names = [
      ...ordering.filter((name) => name in properties),
      ...Object.keys(properties).filter((name) => !ordering.includes(name)),
    ];
    node = withoutUndefined({
      type: 'object' as const,
      properties: names.map((name) => ({ name, schema: fromOpenApiSchema(properties[name], depth + 1) })),
      required: Array.isArray(raw.required)
        ? raw.required.filter((name): name is string => typeof name === 'string')
        : [],
      additional: false as const,
      minProperties: asNumber(raw.minProperties),
      maxProperties: asNumber(raw.maxProperties),
      ...base,
    });
  } else if (type === 'array' || (type === undefined && raw.items !== undefined)) {
    node = withoutUndefined({
      type: 'array' as const,
      items: fromOpenApiSchema(raw.items, depth + 1),
      prefixItems: [],
      minItems: asNumber(raw.minItems) ?? 0,
      maxItems: asNumber(raw.maxItems),
      uniqueItems: false,
      ...base,
    });
  } else if (type === 'string') {
    node = withoutUndefined({
      type: 'string' as const,
      format: typeof raw.format === 'string' ? raw.format : undefined,
      minLength: asNumber(raw.minLength),
      maxLength: asNumber(raw.maxLength),
      pattern: typeof raw.pattern === 'string' ? raw.pattern : undefined,
      ...base,
    });
  } else if (type === 'number' || type === 'integer') {
    node = withoutUndefined({
      type: type as 'number' | 'integer',
      minimum: asNumber(raw.minimum),
      maximum: asNumber(raw.maximum),
      ...base,
    });
  } else if (type === 'boolean') {
    node = { type: 'boolean', ...base };
  } else if (type === 'null') {
    node = { type: 'null', ...base };
  } else {
    node = { type: 'any', ...base };
  }
  return nullable(node, isNullable);
}
