/** The protobuf messages of request bodies: tools, tool and generation configs, safety settings. */
import { contentMessage, mediaResolution, schemaMessage } from './content-descriptors.js';
import {
  boolField,
  enumType,
  field,
  floatField,
  int32Field,
  type MessageDescriptor,
  message,
  messageType,
  stringField,
  structField,
  valueField,
} from './message-descriptors.js';

const functionDeclarationMessage = message('FunctionDeclaration', [
  field('name', stringField),
  field('description', stringField),
  field('behavior', enumType('FunctionDeclaration.Behavior', ['UNSPECIFIED', 'BLOCKING', 'NON_BLOCKING'])),
  field(
    'parameters',
    messageType(() => schemaMessage),
  ),
  field('parametersJsonSchema', valueField),
  field(
    'response',
    messageType(() => schemaMessage),
  ),
  field('responseJsonSchema', valueField),
]);

const toolMessage = message('Tool', [
  field(
    'functionDeclarations',
    messageType(() => functionDeclarationMessage),
    { repeated: true },
  ),
  field('googleSearchRetrieval', structField),
  field('codeExecution', structField),
  field('googleSearch', structField),
  field('urlContext', structField),
  field('computerUse', structField),
  field('fileSearch', structField),
  field('googleMaps', structField),
]);

/** `FunctionCallingConfig.Mode` values. */
export const functionCallingModes = ['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'];

const functionCallingConfigMessage = message('FunctionCallingConfig', [
  field('mode', enumType('FunctionCallingConfig.Mode', functionCallingModes)),
  field('allowedFunctionNames', stringField, { repeated: true }),
]);

const toolConfigMessage = message('ToolConfig', [
  field(
    'functionCallingConfig',
    messageType(() => functionCallingConfigMessage),
  ),
  field('retrievalConfig', structField),
]);

/** `ThinkingConfig.ThinkingLevel` values; accepted in any case. */
export const thinkingLevels = ['THINKING_LEVEL_UNSPECIFIED', 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH'];

const thinkingConfigMessage = message('ThinkingConfig', [
  field('includeThoughts', boolField),
  field('thinkingBudget', int32Field),
  field('thinkingLevel', enumType('ThinkingConfig.ThinkingLevel', thinkingLevels)),
]);

const generationConfigMessage = message('GenerationConfig', [
  field('candidateCount', int32Field),
  field('stopSequences', stringField, { repeated: true }),
  field('maxOutputTokens', int32Field),
  field('temperature', floatField),
  field('topP', floatField),
  field('topK', int32Field),
  field('seed', int32Field),
  field('responseMimeType', stringField),
  field(
    'responseSchema',
    messageType(() => schemaMessage),
  ),
  field('responseJsonSchema', valueField),
  field('presencePenalty', floatField),
  field('frequencyPenalty', floatField),
  field('responseLogprobs', boolField),
  field('logprobs', int32Field),
  field('enableEnhancedCivicAnswers', boolField),
  field(
    'responseModalities',
    enumType('GenerationConfig.Modality', ['MODALITY_UNSPECIFIED', 'TEXT', 'IMAGE', 'AUDIO']),
    { repeated: true },
  ),
  field('speechConfig', structField),
  field(
    'thinkingConfig',
    messageType(() => thinkingConfigMessage),
  ),
  field('imageConfig', structField),
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
  field('model', stringField),
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
  field('cachedContent', stringField),
]);

/** The body of `:countTokens`: `contents`, or a whole `generateContentRequest`. */
export const countTokensRequestMessage: MessageDescriptor = message('CountTokensRequest', [
  field('model', stringField),
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
