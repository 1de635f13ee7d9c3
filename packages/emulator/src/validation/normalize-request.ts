import type { GenerateContentRequest } from '../wire/types.js';
import type { FieldDescriptor, FieldType, MessageDescriptor } from './message-descriptors.js';
import { countTokensRequestMessage, generateContentRequestMessage } from './request-descriptors.js';
import type { CountTokensRequestBody } from './validate-request.js';

/**
 * Rewrites a request body that passed validation into the camelCase shape the rest of the emulator
 * reads: snake_case field names become lowerCamel (`thinking_budget` -> `thinkingBudget`), enum numbers
 * become names and enum names become uppercase, `null` fields are dropped. Free JSON (`args`, `response`,
 * `parametersJsonSchema`, `responseJsonSchema`) is kept as sent. Idempotent.
 */
export function normalizeGenerateContentRequest(body: unknown): GenerateContentRequest {
  return normalizeMessage(body, generateContentRequestMessage) as unknown as GenerateContentRequest;
}

/** Same as {@link normalizeGenerateContentRequest}, for a `countTokens` body. */
export function normalizeCountTokensRequest(body: unknown): CountTokensRequestBody {
  return normalizeMessage(body, countTokensRequestMessage) as unknown as CountTokensRequestBody;
}

function findField(descriptor: MessageDescriptor, key: string): FieldDescriptor | undefined {
  return descriptor.fields.find((candidate) => candidate.json === key || candidate.proto === key);
}

function normalizeMessage(body: unknown, descriptor: MessageDescriptor): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const result: Record<string, unknown> = {};
  const source = body as Record<string, unknown>;
  // for...in over own keys: Object.entries order without its arrays (this runs on every request)
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    if (value === null || value === undefined) continue;
    const field = findField(descriptor, key);
    if (field === undefined) {
      result[key] = value;
      continue;
    }
    result[field.json] =
      field.repeated && Array.isArray(value)
        ? value.filter((element) => element !== null).map((element) => normalizeValue(element, field.type))
        : normalizeValue(value, field.type);
  }
  return result;
}

function normalizeValue(value: unknown, type: FieldType): unknown {
  switch (type.kind) {
    case 'message':
      return normalizeMessage(value, type.message());
    case 'map': {
      if (typeof value !== 'object' || value === null) return value;
      const result: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        if (entry !== null) result[key] = normalizeValue(entry, type.value);
      }
      return result;
    }
    case 'enum':
      if (typeof value === 'number') return type.values[value] ?? value;
      return typeof value === 'string' ? value.toUpperCase() : value;
    case 'float':
    case 'double':
    case 'int32':
    case 'int64':
      return typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    default:
      return value;
  }
}
