import type { SchemaInfo, SchemaNode } from './schema-node.js';

/** Deepest nesting or `$ref` chain followed; recursive schemas end in `any` there. */
const maxDepth = 24;
/** Most schema nodes one schema unfolds into; beyond it (recursive schemas) the rest is `any`. */
const maxNodes = 5000;

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

function info(raw: Raw): SchemaInfo {
  return withoutUndefined({
    description: typeof raw.description === 'string' ? raw.description : undefined,
    title: typeof raw.title === 'string' ? raw.title : undefined,
  });
}

/** Resolves a local JSON pointer (`#/$defs/item`, `#/definitions/x`, `#`) against the root schema. */
function resolveReference(root: unknown, reference: string): unknown {
  if (!reference.startsWith('#')) return undefined;
  const pointer = reference.slice(1);
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Raw)[key];
  }
  return current;
}

/** Shallow merge of `allOf` members into one schema: properties and required are united, the rest first wins. */
function mergeAllOf(raw: Raw, root: unknown, depth: number): Raw {
  const members = (raw.allOf as unknown[]).map((member) =>
    isRecord(member) && typeof member.$ref === 'string' ? resolveReference(root, member.$ref) : member,
  );
  const merged: Raw = { ...raw };
  delete merged.allOf;
  for (const member of members) {
    if (!isRecord(member)) continue;
    const resolved =
      Array.isArray(member.allOf) && depth < maxDepth ? mergeAllOf(member, root, depth + 1) : member;
    for (const [key, value] of Object.entries(resolved)) {
      if (key === 'properties' && isRecord(value))
        merged.properties = { ...(isRecord(merged.properties) ? merged.properties : {}), ...value };
      else if (key === 'required' && Array.isArray(value))
        merged.required = [
          ...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...value]),
        ];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/**
 * Normalises a JSON Schema (draft 4 to 2020-12 as the API accepts it): `$ref` into `$defs` /
 * `definitions`, type arrays, `const`, `enum`, `anyOf` / `oneOf`, `allOf` (merged), `additionalProperties`,
 * `prefixItems` / tuple `items`, numeric bounds (both exclusive styles), string length, pattern and format.
 */
export function fromJsonSchema(
  raw: unknown,
  root: unknown = raw,
  depth = 0,
  budget: { nodes: number } = { nodes: maxNodes },
): SchemaNode {
  // A recursive schema ($ref back to an ancestor, twice per level) would unfold exponentially.
  budget.nodes -= 1;
  if (budget.nodes < 0) return { type: 'any' };
  if (raw === true || raw === undefined) return { type: 'any' };
  if (raw === false) return { type: 'never' };
  if (!isRecord(raw) || depth > maxDepth) return { type: 'any' };
  if (typeof raw.$ref === 'string') {
    const target = resolveReference(root, raw.$ref);
    const { $ref: _reference, ...siblings } = raw;
    const merged = isRecord(target) ? { ...target, ...siblings } : siblings;
    return fromJsonSchema(merged, root, depth + 1, budget);
  }
  if (Array.isArray(raw.allOf)) return fromJsonSchema(mergeAllOf(raw, root, depth), root, depth + 1, budget);
  const base = info(raw);
  if ('const' in raw) return { type: 'enum', values: [raw.const], ...base };
  if (Array.isArray(raw.enum)) return { type: 'enum', values: [...raw.enum], ...base };
  const alternatives = Array.isArray(raw.oneOf)
    ? raw.oneOf
    : Array.isArray(raw.anyOf)
      ? raw.anyOf
      : undefined;
  if (alternatives !== undefined && alternatives.length > 0) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = raw;
    // Keywords beside oneOf/anyOf apply to every alternative ("type": "object" plus variants).
    const options = alternatives.map((option) =>
      fromJsonSchema(
        isRecord(option) && Object.keys(rest).some((key) => key !== 'description' && key !== 'title')
          ? { ...rest, ...option }
          : option,
        root,
        depth + 1,
        budget,
      ),
    );
    return { type: 'anyOf', options, exclusive: Array.isArray(raw.oneOf), ...base };
  }
  if (Array.isArray(raw.type)) {
    const options = raw.type.map((type) => fromJsonSchema({ ...raw, type }, root, depth + 1, budget));
    return options.length === 1 && options[0] !== undefined
      ? options[0]
      : { type: 'anyOf', options, exclusive: false, ...base };
  }
  const type =
    typeof raw.type === 'string'
      ? raw.type.toLowerCase()
      : isRecord(raw.properties) || isRecord(raw.additionalProperties)
        ? 'object'
        : raw.items !== undefined || Array.isArray(raw.prefixItems)
          ? 'array'
          : raw.minLength !== undefined || raw.pattern !== undefined || raw.format !== undefined
            ? 'string'
            : raw.minimum !== undefined || raw.maximum !== undefined
              ? 'number'
              : undefined;
  switch (type) {
    case 'object': {
      const properties = isRecord(raw.properties) ? raw.properties : {};
      return withoutUndefined({
        type: 'object' as const,
        properties: Object.entries(properties).map(([name, schema]) => ({
          name,
          schema: fromJsonSchema(schema, root, depth + 1, budget),
        })),
        required: Array.isArray(raw.required)
          ? raw.required.filter((name): name is string => typeof name === 'string')
          : [],
        additional: (isRecord(raw.additionalProperties)
          ? fromJsonSchema(raw.additionalProperties, root, depth + 1, budget)
          : false) as SchemaNode | false,
        minProperties: asNumber(raw.minProperties),
        maxProperties: asNumber(raw.maxProperties),
        ...base,
      });
    }
    case 'array': {
      const tuple = Array.isArray(raw.prefixItems)
        ? raw.prefixItems
        : Array.isArray(raw.items)
          ? raw.items
          : [];
      const items = Array.isArray(raw.items) ? (raw.additionalItems ?? true) : (raw.items ?? true);
      return withoutUndefined({
        type: 'array' as const,
        items: fromJsonSchema(items, root, depth + 1, budget),
        prefixItems: tuple.map((item) => fromJsonSchema(item, root, depth + 1, budget)),
        minItems: asNumber(raw.minItems) ?? 0,
        maxItems: asNumber(raw.maxItems),
        uniqueItems: raw.uniqueItems === true,
        ...base,
      });
    }
    case 'string':
      return withoutUndefined({
        type: 'string' as const,
        format: typeof raw.format === 'string' ? raw.format : undefined,
        minLength: asNumber(raw.minLength),
        maxLength: asNumber(raw.maxLength),
        pattern: typeof raw.pattern === 'string' ? raw.pattern : undefined,
        ...base,
      });
    case 'number':
    case 'integer':
      return withoutUndefined({
        type,
        minimum: asNumber(raw.minimum),
        maximum: asNumber(raw.maximum),
        exclusiveMinimum:
          asNumber(raw.exclusiveMinimum) ??
          (raw.exclusiveMinimum === true ? asNumber(raw.minimum) : undefined),
        exclusiveMaximum:
          asNumber(raw.exclusiveMaximum) ??
          (raw.exclusiveMaximum === true ? asNumber(raw.maximum) : undefined),
        multipleOf: asNumber(raw.multipleOf),
        ...base,
      });
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'null':
      return { type: 'null', ...base };
    default:
      return { type: 'any', ...base };
  }
}
