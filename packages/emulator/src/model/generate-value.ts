import { classifyField, type FieldKind } from './field-kind.js';
import { findDates } from './find-dates.js';
import type { Span } from './find-names.js';
import { describeRecordLine } from './find-records.js';
import { generateBoolean, generateNumber } from './generate-number.js';
import { generateString, isEntityKind, stringCandidates } from './generate-string.js';
import { matchesSchema } from './matches-schema.js';
import { distinctAlternative, minimalValue } from './minimal-value.js';
import { pickEnum } from './pick-enum.js';
import type { SchemaNode } from './schema-node.js';
import type { Slot, ValueContext } from './value-context.js';

/** Objects nested deeper than this get only their required properties. */
const optionalDepth = 4;
/** Arrays without `maxItems` get at most this many items. */
const defaultMaxItems = 12;

type ObjectNode = Extract<SchemaNode, { type: 'object' }>;
type ArrayNode = Extract<SchemaNode, { type: 'array' }>;

/**
 * Generates a JSON value for a schema node, drawing values from the request's facts (see
 * `src/model/README.md`), then checks it; a value that does not match falls back to the node's minimal
 * valid value, so the result always satisfies the schema when any value can.
 */
export function generateValue(node: SchemaNode, slot: Slot, context: ValueContext): unknown {
  const value = generateUnchecked(node, slot, context);
  if (matchesSchema(value, node)) return value;
  return minimalValue(node);
}

function generateUnchecked(node: SchemaNode, slot: Slot, context: ValueContext): unknown {
  switch (node.type) {
    case 'object':
      return generateObject(node, slot, context);
    case 'array':
      return generateArray(node, slot, context);
    case 'string':
      return generateString(node, { ...slot, description: node.description ?? slot.description }, context);
    case 'number':
    case 'integer':
      return generateNumber(node, slot, context);
    case 'boolean':
      return generateBoolean(slot, context);
    case 'null':
    case 'never':
      return null;
    case 'enum':
      return pickEnum(node.values, slot, context);
    case 'anyOf':
      return generateAnyOf(node, slot, context);
    case 'any': {
      const text = generateString({ type: 'string' }, slot, context);
      return text ?? null;
    }
  }
}

function kindOf(slot: Slot, node: SchemaNode): FieldKind {
  return classifyField(slot.name, node.description ?? slot.description, slot.parentName);
}

/** Whether the text holds anything for this slot (entity kinds only; other kinds always "have" a value). */
export function hasSource(node: SchemaNode, slot: Slot, context: ValueContext): boolean {
  if (slot.forced !== undefined) return true;
  const kind = kindOf(slot, node);
  if (!isEntityKind(kind)) return true;
  if (node.type === 'string' && node.format === 'date' && context.facts.dates.length === 0) return false;
  const candidates =
    kind === 'amount' && node.type !== 'string'
      ? context.facts.amounts.map((amount) => amount.text)
      : stringCandidates(kind, slot, context, true);
  // Inside an array item, only what its own sentence says counts.
  const focus = slot.focus?.text;
  return focus === undefined
    ? candidates.length > 0
    : candidates.some(
        (candidate) => focus.includes(candidate.replace(/T00:00:00Z$/, '')) || focusHasDate(focus, candidate),
      );
}

function focusHasDate(focus: string, iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) && findDates(focus).some((date) => iso.startsWith(date.iso));
}

function generateAnyOf(
  node: Extract<SchemaNode, { type: 'anyOf' }>,
  slot: Slot,
  context: ValueContext,
): unknown {
  const nullOption = node.options.find((option) => option.type === 'null');
  const others = node.options.filter((option) => option.type !== 'null');
  if (nullOption !== undefined && others.every((option) => !hasSource(option, slot, context))) return null;
  for (const option of others) {
    const value = generateUnchecked(
      option,
      { ...slot, description: option.description ?? slot.description },
      context,
    );
    if (matchesSchema(value, node)) return value;
  }
  if (nullOption !== undefined) return null;
  for (const option of node.options) {
    const value = minimalValue(option);
    if (matchesSchema(value, node)) return value;
  }
  return minimalValue(node);
}

function generateObject(node: ObjectNode, slot: Slot, outer: ValueContext): Record<string, unknown> {
  // Siblings draw distinct values (buyer and seller are different companies); items of an array do not
  // need to (two deals can share a date), their focus keeps them apart.
  const context: ValueContext = { ...outer, used: new Map() };
  const result: Record<string, unknown> = {};
  const primary = primaryProperty(node, slot.name);
  const limit = node.maxProperties ?? Number.POSITIVE_INFINITY;
  for (const { name, schema } of node.properties) {
    const required = node.required.includes(name);
    if (!required) {
      if (Object.keys(result).length >= limit - countMissingRequired(node, result, name)) continue;
      if (slot.depth >= optionalDepth) continue;
    }
    const child: Slot = {
      name,
      ...(schema.description === undefined ? {} : { description: schema.description }),
      ...(slot.name === undefined ? {} : { parentName: slot.name }),
      ...(slot.focus === undefined ? {} : { focus: slot.focus }),
      ...(name === primary && slot.forced !== undefined ? { forced: slot.forced } : {}),
      ...(name !== primary && slot.forced !== undefined ? { subject: slot.forced } : {}),
      depth: slot.depth + 1,
    };
    if (!required && !hasSource(schema, child, context)) continue;
    result[name] = generateValue(schema, child, context);
  }
  // Extra keys only for map-like objects (no declared properties) or to reach minProperties.
  const minimum = node.minProperties ?? 0;
  if (node.additional !== false && (node.properties.length === 0 || Object.keys(result).length < minimum)) {
    const wanted = Math.max(minimum, node.properties.length === 0 ? Math.min(3, node.maxProperties ?? 3) : 0);
    for (const term of context.facts.keyTerms) {
      if (Object.keys(result).length >= wanted) break;
      if (term in result) continue;
      result[term] = generateValue(node.additional, { name: term, depth: slot.depth + 1 }, context);
    }
  }
  for (const { name, schema } of node.properties) {
    if (Object.keys(result).length >= minimum) break;
    if (!(name in result)) result[name] = generateValue(schema, { name, depth: slot.depth + 1 }, context);
  }
  return result;
}

function countMissingRequired(node: ObjectNode, result: Record<string, unknown>, current: string): number {
  return node.required.filter((name) => name !== current && !(name in result)).length;
}

/**
 * The property of an array item that names the item ("name" of a company, "date" of an event): the
 * first string property whose kind is an entity, or a `name`/`title`.
 */
function primaryProperty(node: ObjectNode, parentName: string | undefined): string | undefined {
  const strings = node.properties.filter(({ schema }) => schema.type === 'string' || schema.type === 'anyOf');
  const entity = strings.find(({ name, schema }) =>
    isEntityKind(classifyField(name, schema.description, parentName)),
  );
  const named = strings.find(({ name }) => /^(name|title|label|item|value|text)$/i.test(name));
  return (named ?? entity ?? strings[0])?.name;
}

function hasAmountProperty(node: ObjectNode, parentName: string | undefined): boolean {
  return node.properties.some(
    ({ name, schema }) =>
      (schema.type === 'number' || schema.type === 'integer') &&
      classifyField(name, schema.description, parentName) === 'amount',
  );
}

/** What an array's items are drawn from. */
interface ItemMatches {
  /** One per item the text supports. */
  matches: { text: string; focus?: Span }[];
  /**
   * Whether items exist only when the text holds them (companies, people, dates, amounts): with no
   * match the array is empty (or `minItems` long), not filled with a made-up item.
   */
  onlyFromText: boolean;
}

/** The matches an array of items should have one item each for. */
function itemMatches(node: ArrayNode, slot: Slot, context: ValueContext): ItemMatches {
  const items = node.items;
  const itemName = slot.name;
  const kind =
    items.type === 'object'
      ? (() => {
          const primary = primaryProperty(items, itemName);
          const schema = items.properties.find((property) => property.name === primary)?.schema;
          return classifyField(primary, schema?.description, itemName);
        })()
      : classifyField(itemName, items.description ?? node.description, slot.parentName);
  // Objects with money fields but no entity to name them are records: one per priced line (invoice
  // lines), else one per amount the text states (its value, currency and sentence), else none.
  if (items.type === 'object' && !isEntityKind(kind) && hasAmountProperty(items, itemName)) {
    const matches =
      context.facts.recordLines.length > 0
        ? context.facts.recordLines.map((line) => ({ text: describeRecordLine(line.text), focus: line }))
        : context.facts.amounts.map((amount) => {
            const sentence = context.facts.sentences.find(
              (span) => amount.index >= span.index && amount.index < span.index + span.text.length,
            );
            return { text: sentence?.text ?? amount.text, focus: amount };
          });
    return { matches, onlyFromText: true };
  }
  const candidates = stringCandidates(kind, { ...slot, name: itemName }, context, true);
  const spans = context.facts.sentences;
  const seen = new Set<string>();
  const matches: { text: string; focus?: Span }[] = [];
  for (const text of candidates) {
    const key = text.toLowerCase();
    if (seen.has(key) || text.trim() === '') continue;
    seen.add(key);
    const position = context.facts.text.indexOf(text);
    const focus = spans.find((span) => position >= span.index && position < span.index + span.text.length);
    matches.push(focus === undefined ? { text } : { text, focus });
  }
  const onlyFromText = isEntityKind(kind);
  if (kind === 'summary' || kind === 'answer' || kind === 'text')
    return { matches: matches.slice(0, 3), onlyFromText };
  if (kind === 'category' || kind === 'keyword' || kind === 'query')
    return { matches: matches.slice(0, 5), onlyFromText };
  return { matches, onlyFromText };
}

function generateArray(node: ArrayNode, slot: Slot, context: ValueContext): unknown[] {
  const { matches, onlyFromText } = itemMatches(node, slot, context);
  const maxItems = Math.min(node.maxItems ?? defaultMaxItems, Math.max(node.minItems, defaultMaxItems));
  const fallbackCount = onlyFromText || slot.depth >= optionalDepth ? 0 : 1;
  const wanted = Math.max(
    node.minItems,
    Math.min(maxItems, matches.length > 0 ? matches.length : fallbackCount),
  );
  const result: unknown[] = [];
  for (let index = 0; index < wanted; index += 1) {
    const match = matches[index];
    const itemSchema = node.prefixItems[index] ?? node.items;
    const child: Slot = {
      ...(slot.name === undefined ? {} : { name: slot.name, parentName: slot.name }),
      ...(match?.focus === undefined
        ? slot.focus === undefined
          ? {}
          : { focus: slot.focus }
        : { focus: match.focus }),
      ...(match === undefined ? {} : { forced: match.text }),
      depth: slot.depth + 1,
    };
    let value = generateValue(itemSchema, child, context);
    if (node.uniqueItems && result.some((other) => JSON.stringify(other) === JSON.stringify(value))) {
      if (result.length >= node.minItems) continue;
      value = distinctAlternative(itemSchema, result) ?? value;
    }
    result.push(value);
  }
  return result;
}
