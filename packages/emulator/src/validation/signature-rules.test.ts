import { describe, expect, it } from 'vitest';
import { type EmulatedModel, findEmulatedModel } from '../catalog/emulated-models.js';
import { validateGenerateContentRequest } from './validate-request.js';

function model(id: string): EmulatedModel {
  const found = findEmulatedModel(id);
  if (found === undefined) throw new Error(`${id} missing from the catalog`);
  return found;
}

const question = { role: 'user', parts: [{ text: 'Add 2 and 3, and 4 and 5.' }] };
const results = {
  role: 'user',
  parts: [
    { functionResponse: { name: 'sum', response: { sum: 5 } } },
    { functionResponse: { name: 'sum', response: { sum: 9 } } },
  ],
};

function callTurn(signature: string | undefined) {
  return {
    role: 'model',
    parts: [
      {
        functionCall: { name: 'sum', args: { a: 2, b: 3 } },
        ...(signature === undefined ? {} : { thoughtSignature: signature }),
      },
      { functionCall: { name: 'sum', args: { a: 4, b: 5 } } },
    ],
  };
}

const missing = (position: number) =>
  `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`sum\` , position ${position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;

describe('Gemini 3 thought signatures on history function calls', () => {
  it('refuses a current-turn call sent back without its signature, naming the call and its position', () => {
    const body = { contents: [question, callTurn(undefined), results] };
    expect(validateGenerateContentRequest(body, model('gemini-3-flash-preview'))).toEqual({
      message: missing(2),
      fieldViolations: [],
    });
    expect(validateGenerateContentRequest(body, model('gemini-3.1-pro-preview'))?.message).toBe(missing(2));
  });

  it('accepts any non-empty signature on the first call part only (parallel calls)', () => {
    const body = { contents: [question, callTurn('context_engineering_is_the_way_to_go'), results] };
    expect(validateGenerateContentRequest(body, model('gemini-3-flash-preview'))).toBeNull();
  });

  it('does not check calls of earlier turns', () => {
    const body = {
      contents: [
        question,
        callTurn(undefined),
        results,
        { role: 'model', parts: [{ text: '5 and 9' }] },
        question,
      ],
    };
    expect(validateGenerateContentRequest(body, model('gemini-3-flash-preview'))).toBeNull();
  });

  it('does not apply to 2.5 models', () => {
    const body = { contents: [question, callTurn(undefined), results] };
    expect(validateGenerateContentRequest(body, model('gemini-2.5-flash'))).toBeNull();
  });
});
