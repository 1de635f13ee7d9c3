import type { SchemaNode } from './schema-node.js';

const formatChecks: Record<string, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time':
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  time: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/,
  url: /^https?:\/\/[^\s]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
  hostname: /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/,
};

/** Whether a string satisfies a known `format` (unknown formats always do, as JSON Schema says). */
export function matchesFormat(value: string, format: string | undefined): boolean {
  if (format === undefined) return true;
  const check = formatChecks[format];
  return check === undefined || check.test(value);
}

function deepEqual(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function safePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/**
 * Whether a JSON value satisfies a normalised schema. The model checks every value it generates
 * with this before answering, so structured output is always schema-valid.
 */
export function matchesSchema(value: unknown, node: SchemaNode): boolean {
  switch (node.type) {
    case 'any':
      return true;
    case 'never':
      return false;
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return node.values.some((option) => deepEqual(option, value));
    case 'anyOf': {
      const matching = node.options.filter((option) => matchesSchema(value, option)).length;
      return node.exclusive ? matching === 1 : matching >= 1;
    }
    case 'string': {
      if (typeof value !== 'string') return false;
      const length = [...value].length;
      if (node.minLength !== undefined && length < node.minLength) return false;
      if (node.maxLength !== undefined && length > node.maxLength) return false;
      const pattern = node.pattern === undefined ? undefined : safePattern(node.pattern);
      if (pattern !== undefined && !pattern.test(value)) return false;
      return matchesFormat(value, node.format);
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (node.type === 'integer' && !Number.isInteger(value)) return false;
      if (node.minimum !== undefined && value < node.minimum) return false;
      if (node.maximum !== undefined && value > node.maximum) return false;
      if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) return false;
      if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) return false;
      if (node.multipleOf !== undefined && node.multipleOf > 0) {
        const ratio = value / node.multipleOf;
        if (Math.abs(ratio - Math.round(ratio)) > 1e-9) return false;
      }
      return true;
    }
    case 'array': {
      if (!Array.isArray(value)) return false;
      if (value.length < node.minItems) return false;
      if (node.maxItems !== undefined && value.length > node.maxItems) return false;
      if (node.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length)
        return false;
      return value.every((item, index) => matchesSchema(item, node.prefixItems[index] ?? node.items));
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      for (const name of node.required) if (!(name in record)) return false;
      const keys = Object.keys(record);
      if (node.minProperties !== undefined && keys.length < node.minProperties) return false;
      if (node.maxProperties !== undefined && keys.length > node.maxProperties) return false;
      for (const key of keys) {
        const property = node.properties.find((candidate) => candidate.name === key);
        if (property !== undefined) {
          if (!matchesSchema(record[key], property.schema)) return false;
        } else if (node.additional !== false && !matchesSchema(record[key], node.additional)) {
          return false;
        }
      }
      return true;
    }
  }
}
