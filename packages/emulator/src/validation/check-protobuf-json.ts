import type { FieldDescriptor, FieldType, MessageDescriptor } from './message-descriptors.js';
import type { FieldViolation } from './request-violation.js';

/** The real parser's nesting limit; deeper JSON is refused instead of recursing further. */
const maxDepth = 100;

/** Stop collecting after this many problems: one bad body must not produce a huge error. */
const maxViolations = 20;

/**
 * Checks a JSON value against a protobuf message the way protobuf-JSON parsing does on the real API:
 * unknown field names, wrong JSON types, bad enum values, bad base64 and a second member of a oneof are
 * reported with the snake_case path of the field (`contents[0].parts[1].function_call`).
 * Both lowerCamel and snake_case field names are accepted; `null` means "not set".
 *
 * @returns the problems found, in document order; empty when the JSON parses.
 */
export function checkProtobufJson(body: unknown, descriptor: MessageDescriptor): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!isObject(body)) {
    violations.push({
      field: '',
      description: 'Invalid JSON payload received. Unknown name "": Root element must be a message.',
    });
    return violations;
  }
  checkMessage(body, descriptor, '', 0, violations);
  return violations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function push(violations: FieldViolation[], field: string, description: string): void {
  if (violations.length < maxViolations) violations.push({ field, description });
}

function invalidValue(violations: FieldViolation[], path: string, typeName: string, value: unknown): void {
  push(violations, path, `Invalid value at '${path}' (${typeName}), ${describe(value)}`);
}

function findField(descriptor: MessageDescriptor, key: string): FieldDescriptor | undefined {
  return descriptor.fields.find((candidate) => candidate.json === key || candidate.proto === key);
}

function checkMessage(
  body: Record<string, unknown>,
  descriptor: MessageDescriptor,
  path: string,
  depth: number,
  violations: FieldViolation[],
): void {
  if (depth > maxDepth) {
    push(violations, path, `Invalid JSON payload received. Message nesting too deep at '${path}'.`);
    return;
  }
  // made on the first oneof member: most messages have none
  let oneofs: Map<string, string> | undefined;
  // for...in over own keys: Object.entries order without its arrays (this runs on every request)
  for (const key in body) {
    if (!Object.hasOwn(body, key)) continue;
    const value = body[key];
    const fieldDescriptor = findField(descriptor, key);
    if (fieldDescriptor === undefined) {
      const where = path === '' ? '' : ` at '${path}'`;
      push(
        violations,
        path,
        `Invalid JSON payload received. Unknown name ${JSON.stringify(key)}${where}: Cannot find field.`,
      );
      continue;
    }
    if (value === null) continue;
    const fieldPath = path === '' ? fieldDescriptor.proto : `${path}.${fieldDescriptor.proto}`;
    if (fieldDescriptor.oneof !== undefined) {
      oneofs ??= new Map<string, string>();
      const already = oneofs.get(fieldDescriptor.oneof);
      if (already !== undefined) {
        push(
          violations,
          fieldPath,
          `Invalid JSON payload received. Oneof field '${fieldDescriptor.oneof}' is already set. Cannot set '${fieldDescriptor.json}'`,
        );
        continue;
      }
      oneofs.set(fieldDescriptor.oneof, fieldDescriptor.json);
    }
    if (fieldDescriptor.repeated) {
      if (!Array.isArray(value)) {
        invalidValue(violations, fieldPath, typeNameOf(fieldDescriptor.type), value);
        continue;
      }
      value.forEach((element, index) => {
        if (element === null) return;
        checkValue(element, fieldDescriptor.type, `${fieldPath}[${index}]`, depth, violations);
      });
      continue;
    }
    checkValue(value, fieldDescriptor.type, fieldPath, depth, violations);
  }
}

function typeNameOf(type: FieldType): string {
  switch (type.kind) {
    case 'message':
      return type.message().typeName;
    case 'enum':
      return type.typeName;
    case 'struct':
      return 'type.googleapis.com/google.protobuf.Struct';
    case 'value':
      return 'type.googleapis.com/google.protobuf.Value';
    case 'map':
      return 'TYPE_MESSAGE';
    default:
      return `TYPE_${type.kind.toUpperCase()}`;
  }
}

const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;

function checkValue(
  value: unknown,
  type: FieldType,
  path: string,
  depth: number,
  violations: FieldViolation[],
): void {
  switch (type.kind) {
    case 'message':
      if (!isObject(value)) invalidValue(violations, path, typeNameOf(type), value);
      else checkMessage(value, type.message(), path, depth + 1, violations);
      return;
    case 'map':
      if (!isObject(value)) {
        invalidValue(violations, path, typeNameOf(type), value);
        return;
      }
      Object.values(value).forEach((entry, index) => {
        if (entry === null) return;
        checkValue(entry, type.value, `${path}[${index}].value`, depth + 1, violations);
      });
      return;
    case 'struct':
      if (!isObject(value)) invalidValue(violations, path, typeNameOf(type), value);
      return;
    case 'value':
      return;
    case 'string':
      if (typeof value !== 'string') invalidValue(violations, path, 'TYPE_STRING', value);
      return;
    case 'bytes':
      if (typeof value !== 'string') invalidValue(violations, path, 'TYPE_BYTES', value);
      else if (!base64Pattern.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
        push(
          violations,
          path,
          `Invalid value at '${path}' (TYPE_BYTES), Base64 decoding failed for ${describe(value)}`,
        );
      }
      return;
    case 'bool':
      if (typeof value !== 'boolean') invalidValue(violations, path, 'TYPE_BOOL', value);
      return;
    case 'float':
    case 'double':
      if (!isNumberLike(value, false)) invalidValue(violations, path, typeNameOf(type), value);
      return;
    case 'int32':
      if (!isNumberLike(value, true) || Math.abs(Number(value)) > 2 ** 31)
        invalidValue(violations, path, 'TYPE_INT32', value);
      return;
    case 'int64':
      if (!isNumberLike(value, true)) invalidValue(violations, path, 'TYPE_INT64', value);
      return;
    case 'enum':
      if (!isEnumValue(value, type.values)) invalidValue(violations, path, type.typeName, value);
      return;
  }
}

function isNumberLike(value: unknown, integer: boolean): boolean {
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    number = Number(value);
  else if (!integer && (value === 'NaN' || value === 'Infinity' || value === '-Infinity')) return true;
  else return false;
  if (!Number.isFinite(number)) return false;
  if (!integer) return true;
  return Number.isInteger(number) && Math.abs(number) <= 2 ** 63;
}

function isEnumValue(value: unknown, values: readonly string[]): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value < values.length;
  if (typeof value !== 'string') return false;
  return values.includes(value.toUpperCase());
}
