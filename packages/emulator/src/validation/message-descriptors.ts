/**
 * The protobuf messages of `GenerateContentRequest` and `CountTokensRequest`, described as data so one
 * walker can check a JSON body the way the real API's protobuf-JSON parser does.
 */

/** The type of one field. `struct` is a JSON object; `value` is any JSON. */
export type FieldType =
  | { kind: 'string' | 'bytes' | 'bool' | 'struct' | 'value' }
  | { kind: 'float' | 'double' | 'int32' | 'int64' }
  | { kind: 'enum'; typeName: string; values: readonly string[] }
  | { kind: 'message'; message: () => MessageDescriptor }
  | { kind: 'map'; value: FieldType };

/** One field: its JSON (lowerCamel) and proto (snake_case) names, both accepted as protobuf JSON does. */
export interface FieldDescriptor {
  json: string;
  proto: string;
  type: FieldType;
  repeated: boolean;
  oneof?: string;
}

/** One message: its fully qualified name and its fields. */
export interface MessageDescriptor {
  typeName: string;
  fields: readonly FieldDescriptor[];
}

const packageName = 'google.ai.generativelanguage.v1beta';

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** A field whose proto name is the snake_case of its JSON name. */
export function field(
  json: string,
  type: FieldType,
  options: { repeated?: boolean; oneof?: string } = {},
): FieldDescriptor {
  return {
    json,
    proto: snakeCase(json),
    type,
    repeated: options.repeated ?? false,
    ...(options.oneof === undefined ? {} : { oneof: options.oneof }),
  };
}

/** A message of the Gemini API package. */
export function message(name: string, fields: FieldDescriptor[]): MessageDescriptor {
  return { typeName: `type.googleapis.com/${packageName}.${name}`, fields };
}

/** An enum of the Gemini API package. */
export function enumType(name: string, values: readonly string[]): FieldType {
  return { kind: 'enum', typeName: `type.googleapis.com/${packageName}.${name}`, values };
}

/** A field holding a message, resolved lazily (messages refer to each other). */
export function messageType(get: () => MessageDescriptor): FieldType {
  return { kind: 'message', message: get };
}

/** Scalar and free-JSON field types, named after the protobuf types they stand for. */
export const stringField: FieldType = { kind: 'string' };
export const bytesField: FieldType = { kind: 'bytes' };
export const boolField: FieldType = { kind: 'bool' };
export const floatField: FieldType = { kind: 'float' };
export const doubleField: FieldType = { kind: 'double' };
export const int32Field: FieldType = { kind: 'int32' };
export const int64Field: FieldType = { kind: 'int64' };
export const structField: FieldType = { kind: 'struct' };
export const valueField: FieldType = { kind: 'value' };
