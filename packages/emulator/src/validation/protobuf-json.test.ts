import { describe, expect, it } from 'vitest';
import { findEmulatedModel } from '../catalog/emulated-models.js';
import { validateGenerateContentRequest } from './validate-request.js';

const flash = findEmulatedModel('gemini-2.5-flash');
if (flash === undefined) throw new Error('gemini-2.5-flash missing from the catalog');
const user = { role: 'user', parts: [{ text: 'hi' }] };
const contentType = 'type.googleapis.com/google.ai.generativelanguage.v1beta.Content';

describe('validateGenerateContentRequest: protobuf-JSON parsing', () => {
  const badRequests: { name: string; body: unknown; field: string; message: string }[] = [
    {
      name: 'an unknown top-level field',
      body: { contents: [user], foo: 1 },
      field: '',
      message: 'Invalid JSON payload received. Unknown name "foo": Cannot find field.',
    },
    {
      name: 'an unknown generationConfig field',
      body: { contents: [user], generationConfig: { x: 1 } },
      field: 'generation_config',
      message: `Invalid JSON payload received. Unknown name "x" at 'generation_config': Cannot find field.`,
    },
    {
      name: 'an unknown thinkingConfig field',
      body: { contents: [user], generationConfig: { thinkingConfig: { effort: 'high' } } },
      field: 'generation_config.thinking_config',
      message: `Invalid JSON payload received. Unknown name "effort" at 'generation_config.thinking_config': Cannot find field.`,
    },
    {
      name: 'an unknown part field, with its index',
      body: { contents: [user, { role: 'model', parts: [{ text: 'a' }, { text: 'b', bogus: true }] }] },
      field: 'contents[1].parts[1]',
      message: `Invalid JSON payload received. Unknown name "bogus" at 'contents[1].parts[1]': Cannot find field.`,
    },
    {
      name: 'an unknown tool field',
      body: { contents: [user], tools: [{ functions: [] }] },
      field: 'tools[0]',
      message: `Invalid JSON payload received. Unknown name "functions" at 'tools[0]': Cannot find field.`,
    },
    {
      name: 'an unknown functionDeclaration field',
      body: { contents: [user], tools: [{ functionDeclarations: [{ name: 'f', strict: true }] }] },
      field: 'tools[0].function_declarations[0]',
      message: `Invalid JSON payload received. Unknown name "strict" at 'tools[0].function_declarations[0]': Cannot find field.`,
    },
    {
      name: 'an unknown toolConfig field',
      body: { contents: [user], toolConfig: { functionCallingConfig: { mode: 'AUTO', names: [] } } },
      field: 'tool_config.function_calling_config',
      message: `Invalid JSON payload received. Unknown name "names" at 'tool_config.function_calling_config': Cannot find field.`,
    },
    {
      name: 'an unknown safetySettings field',
      body: {
        contents: [user],
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF', level: 1 }],
      },
      field: 'safety_settings[0]',
      message: `Invalid JSON payload received. Unknown name "level" at 'safety_settings[0]': Cannot find field.`,
    },
    {
      name: '"const" inside an OpenAPI parameters schema, with the map-entry path',
      body: {
        contents: [user],
        tools: [
          {
            functionDeclarations: [
              {
                name: 'f',
                parameters: {
                  type: 'OBJECT',
                  properties: { a: { type: 'STRING' }, b: { anyOf: [{ const: 1 }] } },
                },
              },
            ],
          },
        ],
      },
      field: 'tools[0].function_declarations[0].parameters.properties[1].value.any_of[0]',
      message: `Invalid JSON payload received. Unknown name "const" at 'tools[0].function_declarations[0].parameters.properties[1].value.any_of[0]': Cannot find field.`,
    },
    {
      name: 'additionalProperties in responseSchema',
      body: {
        contents: [user],
        generationConfig: { responseSchema: { type: 'object', additionalProperties: false } },
      },
      field: 'generation_config.response_schema',
      message: `Invalid JSON payload received. Unknown name "additionalProperties" at 'generation_config.response_schema': Cannot find field.`,
    },
    {
      name: '$ref and $defs in parameters',
      body: {
        contents: [user],
        tools: [{ functionDeclarations: [{ name: 'f', parameters: { $defs: {}, type: 'object' } }] }],
      },
      field: 'tools[0].function_declarations[0].parameters',
      message: `Invalid JSON payload received. Unknown name "$defs" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
    },
    {
      name: 'a string where a float belongs',
      body: { contents: [user], generationConfig: { temperature: 'hot' } },
      field: 'generation_config.temperature',
      message: `Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`,
    },
    {
      name: 'a fraction where an int32 belongs',
      body: { contents: [user], generationConfig: { maxOutputTokens: 1.5 } },
      field: 'generation_config.max_output_tokens',
      message: `Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), 1.5`,
    },
    {
      name: 'a number where a string belongs',
      body: { contents: [{ role: 'user', parts: [{ text: 5 }] }] },
      field: 'contents[0].parts[0].text',
      message: `Invalid value at 'contents[0].parts[0].text' (TYPE_STRING), 5`,
    },
    {
      name: 'an object where an array belongs',
      body: { contents: { role: 'user', parts: [] } },
      field: 'contents',
      message: `Invalid value at 'contents' (${contentType}), {"role":"user","parts":[]}`,
    },
    {
      name: 'a bad functionCallingConfig mode',
      body: { contents: [user], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } },
      field: 'tool_config.function_calling_config.mode',
      message: `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "SOMETIMES"`,
    },
    {
      name: 'a bad safety threshold',
      body: {
        contents: [user],
        safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_SOME' }],
      },
      field: 'safety_settings[0].threshold',
      message: `Invalid value at 'safety_settings[0].threshold' (type.googleapis.com/google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold), "BLOCK_SOME"`,
    },
    {
      name: 'two data fields in one part',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'AAAA' } }] },
        ],
      },
      field: 'contents[0].parts[0].inline_data',
      message: `Invalid JSON payload received. Oneof field 'data' is already set. Cannot set 'inlineData'`,
    },
    {
      name: 'a thought signature that is not base64',
      body: { contents: [{ role: 'model', parts: [{ text: 'x', thoughtSignature: '!!!' }] }] },
      field: 'contents[0].parts[0].thought_signature',
      message: `Invalid value at 'contents[0].parts[0].thought_signature' (TYPE_BYTES), Base64 decoding failed for "!!!"`,
    },
    {
      name: 'a body that is not an object',
      body: [],
      field: '',
      message: 'Invalid JSON payload received. Unknown name "": Root element must be a message.',
    },
  ];

  for (const { name, body, field, message } of badRequests) {
    it(`refuses ${name}`, () => {
      expect(validateGenerateContentRequest(body, flash)).toEqual({
        message,
        fieldViolations: [{ field, description: message }],
      });
    });
  }

  it('reports every unknown field, one line each', () => {
    const violation = validateGenerateContentRequest(
      { contents: [user], a: 1, generationConfig: { b: 2 } },
      flash,
    );
    expect(violation?.fieldViolations.map((entry) => entry.field)).toEqual(['', 'generation_config']);
    expect(violation?.message.split('\n')).toHaveLength(2);
  });

  it('stops at a nesting depth the real parser refuses, instead of overflowing the stack', () => {
    let schema: Record<string, unknown> = { type: 'STRING' };
    for (let depth = 0; depth < 500; depth += 1) schema = { type: 'ARRAY', items: schema };
    const violation = validateGenerateContentRequest(
      { contents: [user], generationConfig: { responseSchema: schema } },
      flash,
    );
    expect(violation?.message).toMatch(/nesting too deep/);
  });
});
