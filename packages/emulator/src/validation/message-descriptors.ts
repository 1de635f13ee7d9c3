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

function field(
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

function message(name: string, fields: FieldDescriptor[]): MessageDescriptor {
  return { typeName: `type.googleapis.com/${packageName}.${name}`, fields };
}

function enumType(name: string, values: readonly string[]): FieldType {
  return { kind: 'enum', typeName: `type.googleapis.com/${packageName}.${name}`, values };
}

function messageType(get: () => MessageDescriptor): FieldType {
  return { kind: 'message', message: get };
}

const string: FieldType = { kind: 'string' };
const bytes: FieldType = { kind: 'bytes' };
const bool: FieldType = { kind: 'bool' };
const float: FieldType = { kind: 'float' };
const double: FieldType = { kind: 'double' };
const int32: FieldType = { kind: 'int32' };
const int64: FieldType = { kind: 'int64' };
const struct: FieldType = { kind: 'struct' };
const value: FieldType = { kind: 'value' };

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
  field('format', string),
  field('title', string),
  field('description', string),
  field('nullable', bool),
  field('enum', string, { repeated: true }),
  field('maxItems', int64),
  field('minItems', int64),
  field('properties', { kind: 'map', value: messageType(() => schemaMessage) }),
  field('required', string, { repeated: true }),
  field('minProperties', int64),
  field('maxProperties', int64),
  field('minLength', int64),
  field('maxLength', int64),
  field('pattern', string),
  field('example', value),
  field(
    'anyOf',
    messageType(() => schemaMessage),
    { repeated: true },
  ),
  field('propertyOrdering', string, { repeated: true }),
  field('default', value),
  field(
    'items',
    messageType(() => schemaMessage),
  ),
  field('minimum', double),
  field('maximum', double),
]);

const blobMessage = message('Blob', [field('mimeType', string), field('data', bytes)]);
const fileDataMessage = message('FileData', [field('mimeType', string), field('fileUri', string)]);
const functionCallMessage = message('FunctionCall', [
  field('id', string),
  field('name', string),
  field('args', struct),
]);
const functionResponseMessage = message('FunctionResponse', [
  field('id', string),
  field('name', string),
  field('response', struct),
  field('parts', value, { repeated: true }),
  field('willContinue', bool),
  field(
    'scheduling',
    enumType('FunctionResponse.Scheduling', ['SCHEDULING_UNSPECIFIED', 'SILENT', 'WHEN_IDLE', 'INTERRUPT']),
  ),
]);
const executableCodeMessage = message('ExecutableCode', [
  field('language', enumType('ExecutableCode.Language', ['LANGUAGE_UNSPECIFIED', 'PYTHON'])),
  field('code', string),
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
  field('output', string),
]);

const mediaResolution = enumType('MediaResolution', [
  'MEDIA_RESOLUTION_UNSPECIFIED',
  'MEDIA_RESOLUTION_LOW',
  'MEDIA_RESOLUTION_MEDIUM',
  'MEDIA_RESOLUTION_HIGH',
  'MEDIA_RESOLUTION_ULTRA_HIGH',
]);

/** `Part`: one of the `data` fields, plus optional metadata. */
export const partMessage: MessageDescriptor = message('Part', [
  field('text', string, { oneof: 'data' }),
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
  field('videoMetadata', struct),
  field('thought', bool),
  field('thoughtSignature', bytes),
  field('partMetadata', struct),
  field('mediaResolution', value),
]);

/** `Content`: a role (free string, checked later) and parts. */
export const contentMessage: MessageDescriptor = message('Content', [
  field('role', string),
  field(
    'parts',
    messageType(() => partMessage),
    { repeated: true },
  ),
]);

const functionDeclarationMessage = message('FunctionDeclaration', [
  field('name', string),
  field('description', string),
  field('behavior', enumType('FunctionDeclaration.Behavior', ['UNSPECIFIED', 'BLOCKING', 'NON_BLOCKING'])),
  field(
    'parameters',
    messageType(() => schemaMessage),
  ),
  field('parametersJsonSchema', value),
  field(
    'response',
    messageType(() => schemaMessage),
  ),
  field('responseJsonSchema', value),
]);

const toolMessage = message('Tool', [
  field(
    'functionDeclarations',
    messageType(() => functionDeclarationMessage),
    { repeated: true },
  ),
  field('googleSearchRetrieval', struct),
  field('codeExecution', struct),
  field('googleSearch', struct),
  field('urlContext', struct),
  field('computerUse', struct),
  field('fileSearch', struct),
  field('googleMaps', struct),
]);

/** `FunctionCallingConfig.Mode` values. */
export const functionCallingModes = ['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'];

const functionCallingConfigMessage = message('FunctionCallingConfig', [
  field('mode', enumType('FunctionCallingConfig.Mode', functionCallingModes)),
  field('allowedFunctionNames', string, { repeated: true }),
]);

const toolConfigMessage = message('ToolConfig', [
  field(
    'functionCallingConfig',
    messageType(() => functionCallingConfigMessage),
  ),
  field('retrievalConfig', struct),
]);

/** `ThinkingConfig.ThinkingLevel` values; accepted in any case. */
export const thinkingLevels = ['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];

const thinkingConfigMessage = message('ThinkingConfig', [
  field('includeThoughts', bool),
  field('thinkingBudget', int32),
  field('thinkingLevel', enumType('ThinkingConfig.ThinkingLevel', thinkingLevels)),
]);

const generationConfigMessage = message('GenerationConfig', [
  field('candidateCount', int32),
  field('stopSequences', string, { repeated: true }),
  field('maxOutputTokens', int32),
  field('temperature', float),
  field('topP', float),
  field('topK', int32),
  field('seed', int32),
  field('responseMimeType', string),
  field(
    'responseSchema',
    messageType(() => schemaMessage),
  ),
  field('responseJsonSchema', value),
  field('presencePenalty', float),
  field('frequencyPenalty', float),
  field('responseLogprobs', bool),
  field('logprobs', int32),
  field('enableEnhancedCivicAnswers', bool),
  field(
    'responseModalities',
    enumType('GenerationConfig.Modality', ['MODALITY_UNSPECIFIED', 'TEXT', 'IMAGE', 'AUDIO']),
    { repeated: true },
  ),
  field('speechConfig', struct),
  field(
    'thinkingConfig',
    messageType(() => thinkingConfigMessage),
  ),
  field('imageConfig', struct),
  field('mediaResolution', mediaResolution),
]);

/** `HarmCategory` values, in proto order (clients may send the numbers). */
export const harmCategories = [
  'HARM_CATEGORY_UNSPECIFIED',
  'HARM_CATEGORY_DEROGATORY',
  'HARM_CATEGORY_TOXICITY',
  'HARM_CATEGORY_VIOLENCE',
  'HARM_CATEGORY_SEXUAL',
  'HARM_CATEGORY_MEDICAL',
  'HARM_CATEGORY_DANGEROUS',
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
  'HARM_CATEGORY_CIVIC_INTEGRITY',
];

const safetySettingMessage = message('SafetySetting', [
  field('category', enumType('HarmCategory', harmCategories)),
  field(
    'threshold',
    enumType('SafetySetting.HarmBlockThreshold', [
      'HARM_BLOCK_THRESHOLD_UNSPECIFIED',
      'BLOCK_LOW_AND_ABOVE',
      'BLOCK_MEDIUM_AND_ABOVE',
      'BLOCK_ONLY_HIGH',
      'BLOCK_NONE',
      'OFF',
    ]),
  ),
]);

/** The body of `:generateContent` and `:streamGenerateContent`. */
export const generateContentRequestMessage: MessageDescriptor = message('GenerateContentRequest', [
  field('model', string),
  field(
    'contents',
    messageType(() => contentMessage),
    { repeated: true },
  ),
  field(
    'systemInstruction',
    messageType(() => contentMessage),
  ),
  field(
    'tools',
    messageType(() => toolMessage),
    { repeated: true },
  ),
  field(
    'toolConfig',
    messageType(() => toolConfigMessage),
  ),
  field(
    'safetySettings',
    messageType(() => safetySettingMessage),
    { repeated: true },
  ),
  field(
    'generationConfig',
    messageType(() => generationConfigMessage),
  ),
  field('cachedContent', string),
]);

/** The body of `:countTokens`: `contents`, or a whole `generateContentRequest`. */
export const countTokensRequestMessage: MessageDescriptor = message('CountTokensRequest', [
  field('model', string),
  field(
    'contents',
    messageType(() => contentMessage),
    { repeated: true },
  ),
  field(
    'generateContentRequest',
    messageType(() => generateContentRequestMessage),
  ),
]);
