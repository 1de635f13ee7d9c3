import { z } from 'zod';
import { TokenflowError } from '../errors/tokenflow-error.js';

type JsonSchema = Record<string, unknown>;

/** Keywords Gemini's restricted OpenAPI `Schema` accepts in `responseSchema` (others are a 400). */
const keptKeywords = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'items',
  'properties',
  'required',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'propertyOrdering',
]);

/** String formats Gemini accepts; others (email, uuid, ...) are dropped and left to zod. */
const keptStringFormats = new Set(['enum', 'date-time']);
const keptNumberFormats = new Set(['int32', 'int64', 'float', 'double']);

/** Refuses to unfold recursive schemas forever: Gemini's Schema has no references. */
const maxDepth = 24;

/** Where `$ref: "#"` (the root, in self-recursive schemas) points. */
const rootKey = '#';

function resolveRef(ref: string, definitions: Record<string, JsonSchema>): JsonSchema {
  const name = ref === '#' ? rootKey : ref.replace(/^#\/(\$defs|definitions)\//, '');
  const target = definitions[name];
  if (!target)
    throw new TokenflowError('flow_schema', `Output schema refers to ${ref}, which is not defined.`);
  return target;
}

function convert(
  node: unknown,
  definitions: Record<string, JsonSchema>,
  depth: number,
  where: string,
): JsonSchema {
  if (depth > maxDepth) {
    throw new TokenflowError(
      'flow_schema',
      `Output schema is recursive (or deeper than ${maxDepth}) at ${where}; Gemini's responseSchema cannot express it. ` +
        'Bound the recursion in the schema.',
    );
  }
  if (node === true || node === undefined) return {};
  if (typeof node !== 'object' || node === null) return {};
  let schema = node as JsonSchema;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    schema = { ...resolveRef($ref as string, definitions), ...rest };
  }
  // allOf of one (zod uses it to attach metadata) folds into the schema itself.
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    const { allOf, ...rest } = schema;
    schema = { ...(allOf[0] as JsonSchema), ...rest };
  }
  const out: JsonSchema = {};
  // `type: ['string', 'null']` becomes `type: 'string', nullable: true`.
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((type) => type !== 'null');
    if (types.length < (schema.type as string[]).length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else if (types.length > 1) out.anyOf = types.map((type) => ({ type }));
  } else if (typeof schema.type === 'string') {
    if (schema.type === 'null') out.nullable = true;
    else out.type = schema.type;
  }
  if ('const' in schema) {
    const value = schema.const;
    if (typeof value === 'string') {
      out.type = 'string';
      out.enum = [value];
    }
  }
  for (const [key, value] of Object.entries(schema)) {
    if (!keptKeywords.has(key) || key === 'type') continue;
    switch (key) {
      case 'properties': {
        const properties: JsonSchema = {};
        for (const [name, child] of Object.entries(value as JsonSchema)) {
          properties[name] = convert(child, definitions, depth + 1, `${where}.${name}`);
        }
        out.properties = properties;
        out.propertyOrdering = Object.keys(properties);
        break;
      }
      case 'items':
        out.items = convert(value, definitions, depth + 1, `${where}[]`);
        break;
      case 'anyOf': {
        const options = (value as unknown[]).map((child) => convert(child, definitions, depth + 1, where));
        const nonNull = options.filter((option) => !(option.nullable === true && option.type === undefined));
        if (nonNull.length < options.length) out.nullable = true;
        if (nonNull.length === 1) Object.assign(out, nonNull[0], out.nullable ? { nullable: true } : {});
        else out.anyOf = nonNull;
        break;
      }
      case 'enum': {
        const values = (value as unknown[]).filter((entry) => entry !== null);
        if (values.every((entry) => typeof entry === 'string' && entry !== '')) {
          out.enum = values;
          out.type = 'string';
        }
        break;
      }
      case 'format': {
        const kept = schema.type === 'string' ? keptStringFormats : keptNumberFormats;
        if (typeof value === 'string' && kept.has(value)) out.format = value;
        break;
      }
      default:
        if (!(key in out)) out[key] = value;
    }
  }
  if (Array.isArray(schema.oneOf) && !out.anyOf) {
    out.anyOf = (schema.oneOf as unknown[]).map((child) => convert(child, definitions, depth + 1, where));
  }
  return out;
}

/**
 * Converts a zod schema to what Gemini's `responseSchema` (restricted OpenAPI Schema) accepts:
 * `$ref`/`$defs` inlined, `additionalProperties`, `$schema`, `pattern`, `default` and other unknown
 * keywords dropped, `const` turned into a one-value enum, `type: [x, 'null']` into `nullable`, and
 * `propertyOrdering` added so answers keep the declared key order. Whatever is dropped is still
 * enforced, by validating the answer with the zod schema itself.
 *
 * Why `responseSchema` and not `responseJsonSchema`: LangChain's Google chat models pass
 * `responseSchema` through call options, so any routed or stock model carries it unchanged.
 */
export function toGeminiResponseSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'output',
  }) as JsonSchema;
  const definitions: Record<string, JsonSchema> = {
    ...((json.definitions as Record<string, JsonSchema>) ?? {}),
    ...((json.$defs as Record<string, JsonSchema>) ?? {}),
  };
  definitions[rootKey] = json;
  return convert(json, definitions, 0, '(root)');
}
