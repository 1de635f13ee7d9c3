import type { FunctionDeclaration } from '../wire/types.js';
import type { Span } from './find-names.js';
import { fromJsonSchema } from './from-json-schema.js';
import { generateValue, hasSource } from './generate-value.js';
import { fromOpenApiSchema, type SchemaNode } from './schema-node.js';
import { identifierWords, stem, words } from './text-analysis.js';
import type { Slot, ValueContext } from './value-context.js';

/** Arguments for one call, and whether every required argument came from the text. */
export interface FilledArguments {
  args: Record<string, unknown>;
  /** False when a required argument of an entity kind (a path, a date...) had nothing to draw from. */
  complete: boolean;
}

/** The parameters schema of a declaration in either flavour; no parameters is an empty object. */
export function parametersOf(declaration: FunctionDeclaration): SchemaNode {
  if (declaration.parametersJsonSchema !== undefined) return fromJsonSchema(declaration.parametersJsonSchema);
  if (declaration.parameters !== undefined) return fromOpenApiSchema(declaration.parameters);
  return { type: 'object', properties: [], required: [], additional: false };
}

/**
 * Fills a call's arguments from the request: required parameters always (values drawn like structured
 * output, from `focus` first), optional ones only when the request names them ("recursively" for
 * `recursive`) or a value is `forced`. The result is valid for the declared parameters.
 */
export function fillArguments(
  declaration: FunctionDeclaration,
  context: ValueContext,
  options: { focus?: Span; forced?: Record<string, string>; request: string },
): FilledArguments {
  const node = parametersOf(declaration);
  if (node.type !== 'object') {
    const value = generateValue(node, { depth: 0 }, context);
    return {
      args: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {},
      complete: true,
    };
  }
  const requestStems = new Set(words(options.request).map(stem));
  const scoped: ValueContext = { ...context, used: new Map() };
  const args: Record<string, unknown> = {};
  let complete = true;
  for (const { name, schema } of node.properties) {
    const forced = options.forced?.[name];
    const required = node.required.includes(name);
    const named = identifierWords(name).some((word) => word.length > 2 && requestStems.has(stem(word)));
    if (!required && forced === undefined && !named) continue;
    const slot: Slot = {
      name,
      ...(schema.description === undefined ? {} : { description: schema.description }),
      ...(options.focus === undefined ? {} : { focus: options.focus }),
      ...(forced === undefined ? {} : { forced }),
      depth: 1,
    };
    // Whether the whole material (not only the focus) holds a value for it.
    const { focus: _focus, ...unfocused } = slot;
    const sourced = hasSource(schema, unfocused, scoped);
    if (!sourced && !required) continue;
    if (!sourced) complete = false;
    args[name] = generateValue(schema, slot, scoped);
  }
  return { args, complete };
}
