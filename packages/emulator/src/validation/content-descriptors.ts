/** The protobuf messages of a conversation: `Content`, `Part` and the OpenAPI `Schema`. */
import {
  boolField,
  bytesField,
  doubleField,
  enumType,
  field,
  int64Field,
  type MessageDescriptor,
  message,
  messageType,
  stringField,
  structField,
  valueField,
} from './message-descriptors.js';

/** Values of `Schema.type`; the real API accepts them in any case. */
export const schemaTypes = [
  'TYPE_UNSPECIFIED',
  'STRING',
  'NUMBER',
  'INTEGER',
  'BOOLEAN',
  'ARRAY',
  'OBJECT',
  'NULL',
];

/** The restricted OpenAPI `Schema` of `parameters`, `response` and `responseSchema`. */
export const schemaMessage: MessageDescriptor = message('Schema', [
  field('type', enumType('Type', schemaTypes)),
  field('format', stringField),
  field('title', stringField),
  field('description', stringField),
  field('nullable', boolField),
  field('enum', stringField, { repeated: true }),
  field('maxItems', int64Field),
  field('minItems', int64Field),
  field('properties', { kind: 'map', value: messageType(() => schemaMessage) }),
  field('required', stringField, { repeated: true }),
  field('minProperties', int64Field),
  field('maxProperties', int64Field),
  field('minLength', int64Field),
  field('maxLength', int64Field),
  field('pattern', stringField),
  field('example', valueField),
  field(
    'anyOf',
    messageType(() => schemaMessage),
    { repeated: true },
  ),
  field('propertyOrdering', stringField, { repeated: true }),
  field('default', valueField),
  field(
    'items',
    messageType(() => schemaMessage),
  ),
  field('minimum', doubleField),
  field('maximum', doubleField),
]);

const blobMessage = message('Blob', [field('mimeType', stringField), field('data', bytesField)]);
const fileDataMessage = message('FileData', [field('mimeType', stringField), field('fileUri', stringField)]);
const functionCallMessage = message('FunctionCall', [
  field('id', stringField),
  field('name', stringField),
  field('args', structField),
]);
const functionResponseMessage = message('FunctionResponse', [
  field('id', stringField),
  field('name', stringField),
  field('response', structField),
  field('parts', valueField, { repeated: true }),
  field('willContinue', boolField),
  field(
    'scheduling',
    enumType('FunctionResponse.Scheduling', ['SCHEDULING_UNSPECIFIED', 'SILENT', 'WHEN_IDLE', 'INTERRUPT']),
  ),
]);
const executableCodeMessage = message('ExecutableCode', [
  field('language', enumType('ExecutableCode.Language', ['LANGUAGE_UNSPECIFIED', 'PYTHON'])),
  field('code', stringField),
]);
const codeExecutionResultMessage = message('CodeExecutionResult', [
  field(
    'outcome',
    enumType('CodeExecutionResult.Outcome', [
      'OUTCOME_UNSPECIFIED',
      'OUTCOME_OK',
      'OUTCOME_FAILED',
      'OUTCOME_DEADLINE_EXCEEDED',
    ]),
  ),
  field('output', stringField),
]);

/** `MediaResolution` values. */
export const mediaResolution = enumType('MediaResolution', [
  'MEDIA_RESOLUTION_UNSPECIFIED',
  'MEDIA_RESOLUTION_LOW',
  'MEDIA_RESOLUTION_MEDIUM',
  'MEDIA_RESOLUTION_HIGH',
  'MEDIA_RESOLUTION_ULTRA_HIGH',
]);

/** `Part`: one of the `data` fields, plus optional metadata. */
export const partMessage: MessageDescriptor = message('Part', [
  field('text', stringField, { oneof: 'data' }),
  field(
    'inlineData',
    messageType(() => blobMessage),
    { oneof: 'data' },
  ),
  field(
    'fileData',
    messageType(() => fileDataMessage),
    { oneof: 'data' },
  ),
  field(
    'functionCall',
    messageType(() => functionCallMessage),
    { oneof: 'data' },
  ),
  field(
    'functionResponse',
    messageType(() => functionResponseMessage),
    { oneof: 'data' },
  ),
  field(
    'executableCode',
    messageType(() => executableCodeMessage),
    { oneof: 'data' },
  ),
  field(
    'codeExecutionResult',
    messageType(() => codeExecutionResultMessage),
    { oneof: 'data' },
  ),
  field('videoMetadata', structField),
  field('thought', boolField),
  field('thoughtSignature', bytesField),
  field('partMetadata', structField),
  field('mediaResolution', valueField),
]);

/** `Content`: a role (free stringField, checked later) and parts. */
export const contentMessage: MessageDescriptor = message('Content', [
  field('role', stringField),
  field(
    'parts',
    messageType(() => partMessage),
    { repeated: true },
  ),
]);
