import { matchesSchema } from './matches-schema.js';
import { samplePattern } from './sample-pattern.js';
import type { SchemaNode } from './schema-node.js';

const formatDefaults: Record<string, string> = {
  date: '2025-01-01',
  'date-time': '2025-01-01T00:00:00Z',
  time: '00:00:00',
  email: 'info@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  hostname: 'example.com',
};

/**
 * The smallest value a schema node accepts: required properties only, `minItems` items, the lowest
 * number in range, a string of the minimum length (or built from the pattern or format). The fallback
 * when a generated value does not match.
 */
export function minimalValue(node: SchemaNode, depth = 0): unknown {
  if (depth > 30) return null;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const name of node.required) {
        const property = node.properties.find((candidate) => candidate.name === name);
        result[name] = property === undefined ? null : minimalValue(property.schema, depth + 1);
      }
      return result;
    }
    case 'array': {
      const items: unknown[] = [];
      for (let index = 0; index < node.minItems; index += 1) {
        const itemSchema = node.prefixItems[index] ?? node.items;
        const item = minimalValue(itemSchema, depth + 1);
        const repeated = items.some((other) => JSON.stringify(other) === JSON.stringify(item));
        items.push(node.uniqueItems && repeated ? (distinctAlternative(itemSchema, items) ?? item) : item);
      }
      return items;
    }
    case 'string': {
      const base = node.format !== undefined ? (formatDefaults[node.format] ?? '') : '';
      const sample = node.pattern === undefined ? base : (samplePattern(node.pattern) ?? base);
      const padded = sample.padEnd(node.minLength ?? 0, 'x');
      return node.maxLength === undefined ? padded : padded.slice(0, node.maxLength);
    }
    case 'number':
    case 'integer': {
      const low =
        node.minimum ??
        (node.exclusiveMinimum === undefined
          ? 0
          : node.exclusiveMinimum + (node.type === 'integer' ? 1 : 0.5));
      const high = node.maximum ?? node.exclusiveMaximum;
      let value = high !== undefined && low > high ? high : low;
      if (node.type === 'integer') value = Math.ceil(value);
      if (node.multipleOf !== undefined && node.multipleOf > 0)
        value = Math.ceil(value / node.multipleOf) * node.multipleOf;
      return value;
    }
    case 'boolean':
      return false;
    case 'enum':
      return node.values[0] ?? null;
    case 'anyOf':
      for (const option of node.options) {
        const value = minimalValue(option, depth + 1);
        if (matchesSchema(value, node)) return value;
      }
      return minimalValue(node.options[0] ?? { type: 'null' }, depth + 1);
    case 'any':
      return '';
    default:
      return null;
  }
}

/**
 * A value for `node` that differs from every value in `existing` (for `uniqueItems`): the next unused
 * enum value, a number one step further, a string with a counter; undefined when none is found.
 */
export function distinctAlternative(node: SchemaNode, existing: readonly unknown[]): unknown {
  const taken = new Set(existing.map((value) => JSON.stringify(value)));
  const candidates: unknown[] = [];
  if (node.type === 'enum') candidates.push(...node.values);
  else if (node.type === 'boolean') candidates.push(false, true);
  else if (node.type === 'number' || node.type === 'integer') {
    const start = Number(minimalValue(node));
    const step = node.multipleOf ?? 1;
    for (let index = 0; index < existing.length + 2; index += 1) candidates.push(start + step * index);
  } else if (node.type === 'string') {
    const base = String(minimalValue(node));
    for (let index = 2; index < existing.length + 4; index += 1) candidates.push(`${base} ${index}`.trim());
  } else if (node.type === 'anyOf') {
    for (const option of node.options) candidates.push(distinctAlternative(option, existing));
  }
  return candidates.find(
    (candidate) =>
      candidate !== undefined && !taken.has(JSON.stringify(candidate)) && matchesSchema(candidate, node),
  );
}
