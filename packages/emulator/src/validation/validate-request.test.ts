import { describe, expect, it } from 'vitest';
import { findEmulatedModel } from '../catalog/emulated-models.js';
import { countRequestTokens } from '../model/tokenizer.js';
import { normalizeGenerateContentRequest } from './normalize-request.js';
import {
  checkGenerateContentRequest,
  validateCountTokensRequest,
  validateGenerateContentRequest,
} from './validate-request.js';

const flash = findEmulatedModel('gemini-2.5-flash');
if (flash === undefined) throw new Error('gemini-2.5-flash missing from the catalog');
const user = { role: 'user', parts: [{ text: 'hi' }] };
const _contentType = 'type.googleapis.com/google.ai.generativelanguage.v1beta.Content';

describe('validateGenerateContentRequest: the conversation', () => {
  const cases: { name: string; body: unknown; message: string }[] = [
    {
      name: 'missing contents',
      body: {},
      message: '* GenerateContentRequest.contents: contents is not specified',
    },
    {
      name: 'empty contents',
      body: { contents: [] },
      message: '* GenerateContentRequest.contents: contents is not specified',
    },
    {
      name: 'a content without parts',
      body: { contents: [user, { role: 'model', parts: [] }] },
      message: '* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.',
    },
    {
      name: 'a part without data',
      body: { contents: [{ role: 'user', parts: [{ thought: true }] }] },
      message:
        "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field",
    },
    {
      name: 'an unknown role',
      body: { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] },
      message: 'Please use a valid role: user, model.',
    },
    {
      name: 'an empty enum value',
      body: { contents: [user], generationConfig: { responseSchema: { type: 'STRING', enum: ['a', ''] } } },
      message: '* GenerateContentRequest.generation_config.response_schema.enum[1]: cannot be empty',
    },
    {
      name: 'an ARRAY schema without items',
      body: {
        contents: [user],
        tools: [
          {
            functionDeclarations: [
              { name: 'f', parameters: { type: 'OBJECT', properties: { files: { type: 'ARRAY' } } } },
            ],
          },
        ],
      },
      message:
        '* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[files].items: missing field.',
    },
    {
      name: 'required naming an undeclared property',
      body: {
        contents: [user],
        tools: [
          {
            functionDeclarations: [
              { name: 'f', parameters: { type: 'OBJECT', properties: {}, required: ['x'] } },
            ],
          },
        ],
      },
      message:
        '* GenerateContentRequest.tools[0].function_declarations[0].parameters.required[0]: property is not defined',
    },
    {
      name: 'a function name with spaces',
      body: { contents: [user], tools: [{ functionDeclarations: [{ name: 'read file' }] }] },
      message:
        '* GenerateContentRequest.tools[0].function_declarations[0].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.',
    },
  ];
  for (const { name, body, message } of cases) {
    it(`refuses ${name}`, () => {
      expect(validateGenerateContentRequest(body, flash)).toEqual({ message, fieldViolations: [] });
    });
  }

  it('refuses a prompt above the input token limit, naming the count', () => {
    const text = 'word '.repeat(1_100_000);
    const violation = validateGenerateContentRequest(
      { contents: [{ role: 'user', parts: [{ text }] }] },
      flash,
    );
    expect(violation?.message).toBe(
      'The input token count (1100000) exceeds the maximum number of tokens allowed (1048576).',
    );
  });
});

describe('validateGenerateContentRequest: what real clients send', () => {
  const accepted: { name: string; body: unknown }[] = [
    {
      name: 'LangChain empty arrays',
      body: { contents: [user], generationConfig: { stopSequences: [] }, safetySettings: [] },
    },
    {
      name: 'a system instruction with role system',
      body: { contents: [user], systemInstruction: { role: 'system', parts: [{ text: 's' }] } },
    },
    {
      name: 'a missing role and role function',
      body: {
        contents: [
          { parts: [{ text: 'x' }] },
          { role: 'function', parts: [{ functionResponse: { name: 'f', response: {} } }] },
        ],
      },
    },
    {
      name: 'lowercase schema types',
      body: {
        contents: [user],
        generationConfig: { responseSchema: { type: 'object', properties: { a: { type: 'string' } } } },
      },
    },
    {
      name: 'thought parts, signatures and call ids in history',
      body: {
        contents: [
          user,
          {
            role: 'model',
            parts: [
              { text: 't', thought: true },
              { functionCall: { id: 'ab12cd34', name: 'f', args: {} }, thoughtSignature: 'c2ln' },
            ],
          },
        ],
      },
    },
    {
      name: 'full JSON Schema in parametersJsonSchema and responseJsonSchema',
      body: {
        contents: [user],
        tools: [
          {
            functionDeclarations: [
              {
                name: 'f',
                parametersJsonSchema: {
                  type: 'object',
                  additionalProperties: false,
                  $defs: { x: { const: 1 } },
                  properties: { a: { $ref: '#/$defs/x' } },
                },
              },
            ],
          },
        ],
        generationConfig: {
          responseMimeType: 'application/json',
          responseJsonSchema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: ['object', 'null'],
          },
        },
      },
    },
    {
      name: 'snake_case field names',
      body: {
        contents: [user],
        generation_config: { max_output_tokens: 5, thinking_config: { thinking_budget: 0 } },
      },
    },
    {
      name: 'enum numbers and numeric strings',
      body: {
        contents: [user],
        safetySettings: [{ category: 10, threshold: 3 }],
        generationConfig: { topK: '40', temperature: '0.5' },
      },
    },
    {
      name: 'lowercase modes and levels',
      body: { contents: [user], toolConfig: { functionCallingConfig: { mode: 'any' } } },
    },
    { name: 'null fields', body: { contents: [user], generationConfig: null, tools: null } },
  ];
  for (const { name, body } of accepted) {
    it(`accepts ${name}`, () => {
      expect(validateGenerateContentRequest(body, flash)).toBeNull();
    });
  }
});

describe('validateCountTokensRequest', () => {
  it('accepts bare contents and a whole generateContentRequest', () => {
    expect(validateCountTokensRequest({ contents: [user] }, flash)).toBeNull();
    expect(
      validateCountTokensRequest(
        { generateContentRequest: { model: 'models/gemini-2.5-flash', contents: [user] } },
        flash,
      ),
    ).toBeNull();
  });

  it("applies the model's generation rules to a nested generateContentRequest", () => {
    const nested = {
      generateContentRequest: {
        contents: [user],
        generationConfig: { thinkingConfig: { thinkingLevel: 'low' } },
      },
    };
    expect(validateCountTokensRequest(nested, flash)?.message).toBe(
      'Thinking level LOW is not supported for this model. Please retry with other thinking level.',
    );
  });

  it('refuses both at once, and neither', () => {
    expect(
      validateCountTokensRequest({ contents: [user], generateContentRequest: { contents: [user] } }, flash)
        ?.message,
    ).toBe(
      '* CountTokensRequest: contents and generate_content_request cannot both be set. Use only one of them.',
    );
    expect(validateCountTokensRequest({}, flash)?.message).toBe(
      '* CountTokensRequest.contents: contents is not specified',
    );
  });

  it('reports unknown fields inside the nested request with its path', () => {
    expect(
      validateCountTokensRequest({ generateContentRequest: { contents: [user], extra: 1 } }, flash)
        ?.fieldViolations,
    ).toEqual([
      {
        field: 'generate_content_request',
        description: `Invalid JSON payload received. Unknown name "extra" at 'generate_content_request': Cannot find field.`,
      },
    ]);
  });
});

describe("checkGenerateContentRequest, the server's validation", () => {
  it('hands back the normalized request and its prompt tokens when the body is valid', () => {
    const body = { contents: [user], generation_config: { max_output_tokens: '64', thinking_config: {} } };
    const request = normalizeGenerateContentRequest(body);
    expect(checkGenerateContentRequest(body, flash)).toEqual({
      ok: true,
      request,
      promptTokens: countRequestTokens(request),
    });
  });

  it('refuses what validateGenerateContentRequest refuses, with the same violation', () => {
    const tooLong = {
      contents: [{ role: 'user', parts: [{ text: 'word '.repeat(flash.inputTokenLimit + 1) }] }],
    };
    for (const body of [
      {},
      { contents: [user], extra: 1 },
      { contents: [{ role: 'x', parts: [] }] },
      tooLong,
    ]) {
      const violation = validateGenerateContentRequest(body, flash);
      expect(violation).not.toBeNull();
      expect(checkGenerateContentRequest(body, flash)).toEqual({ ok: false, violation });
    }
  });
});
