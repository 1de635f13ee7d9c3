import { describe, expect, it } from 'vitest';
import { type EmulatedModel, findEmulatedModel } from '../catalog/emulated-models.js';
import { validateGenerateContentRequest } from './validate-request.js';

function model(id: string): EmulatedModel {
  const found = findEmulatedModel(id);
  if (found === undefined) throw new Error(`${id} missing from the catalog`);
  return found;
}

const user = { role: 'user', parts: [{ text: 'hi' }] };

function withThinking(thinkingConfig: Record<string, unknown>) {
  return { contents: [user], generationConfig: { thinkingConfig } };
}

function messageFor(id: string, body: unknown): string | undefined {
  return validateGenerateContentRequest(body, model(id))?.message;
}

const both = 'You can only set only one of thinking budget and thinking level.';
const proOnly = 'Budget 0 is invalid. This model only works in thinking mode.';

describe('thinkingConfig rules per model (gemini-wire.md section 3, fixtures 027 and 028)', () => {
  const table: { id: string; config: Record<string, unknown>; message: string | undefined }[] = [
    { id: 'gemini-3.1-pro-preview', config: { thinkingBudget: 1024, thinkingLevel: 'high' }, message: both },
    { id: 'gemini-2.5-flash', config: { thinkingBudget: 0, thinkingLevel: 'LOW' }, message: both },
    { id: 'gemini-2.5-pro', config: { thinkingBudget: 0 }, message: proOnly },
    { id: 'gemini-3.1-pro-preview', config: { thinkingBudget: 0 }, message: proOnly },
    { id: 'gemini-2.5-pro', config: { thinkingBudget: 64 }, message: 'The thinking budget (64) is invalid.' },
    {
      id: 'gemini-2.5-pro',
      config: { thinkingBudget: 32_769 },
      message: 'The thinking budget (32769) is invalid.',
    },
    {
      id: 'gemini-2.5-flash',
      config: { thinkingBudget: 24_577 },
      message: 'The thinking budget (24577) is invalid.',
    },
    {
      id: 'gemini-2.5-flash-lite',
      config: { thinkingBudget: 100 },
      message: 'The thinking budget (100) is invalid.',
    },
    {
      id: 'gemini-3.1-pro-preview',
      config: { thinkingLevel: 'minimal' },
      message:
        'Thinking level MINIMAL is not supported for this model. Please retry with other thinking level.',
    },
    {
      id: 'gemini-2.5-flash',
      config: { thinkingLevel: 'HIGH' },
      message: 'Thinking level HIGH is not supported for this model. Please retry with other thinking level.',
    },
    { id: 'gemini-2.5-pro', config: { thinkingBudget: 128 }, message: undefined },
    { id: 'gemini-2.5-pro', config: { thinkingBudget: -1 }, message: undefined },
    { id: 'gemini-2.5-flash', config: { thinkingBudget: 0 }, message: undefined },
    { id: 'gemini-2.5-flash-lite', config: { thinkingBudget: 0 }, message: undefined },
    { id: 'gemini-2.5-flash-lite', config: { thinkingBudget: 512 }, message: undefined },
    { id: 'gemini-3-flash-preview', config: { thinkingLevel: 'minimal' }, message: undefined },
    {
      id: 'gemini-3-flash-preview',
      config: { thinkingLevel: 'MEDIUM', includeThoughts: true },
      message: undefined,
    },
    { id: 'gemini-3.1-pro-preview', config: { thinkingLevel: 'Low' }, message: undefined },
    {
      id: 'gemini-3.1-pro-preview',
      config: { thinkingLevel: 'THINKING_LEVEL_UNSPECIFIED', thinkingBudget: 256 },
      message: undefined,
    },
  ];
  for (const { id, config, message } of table) {
    it(`${id} with ${JSON.stringify(config)} ${message === undefined ? 'passes' : 'is refused'}`, () => {
      expect(messageFor(id, withThinking(config))).toBe(message);
    });
  }

  it('answers with a message only, without BadRequest field violations', () => {
    expect(
      validateGenerateContentRequest(withThinking({ thinkingBudget: 0 }), model('gemini-2.5-pro'))
        ?.fieldViolations,
    ).toEqual([]);
  });
});

describe('other model rules', () => {
  it('refuses a non-zero penalty on every TokenOff model, with fixture 025 wording', () => {
    for (const id of ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-flash-preview']) {
      expect(messageFor(id, { contents: [user], generationConfig: { presencePenalty: 0.5 } })).toBe(
        `Penalty is not enabled for models/${id}`,
      );
    }
    expect(
      messageFor('gemini-2.5-flash', { contents: [user], generationConfig: { frequencyPenalty: -1 } }),
    ).toBe('Penalty is not enabled for models/gemini-2.5-flash');
  });

  it('lets a zero penalty through (clients send the default)', () => {
    expect(
      messageFor('gemini-2.5-flash', { contents: [user], generationConfig: { presencePenalty: 0 } }),
    ).toBeUndefined();
  });

  it('refuses forced calling with JSON output, as fixture 026', () => {
    const body = {
      contents: [user],
      tools: [{ functionDeclarations: [{ name: 'f' }] }],
      toolConfig: { functionCallingConfig: { mode: 'any' } },
      generationConfig: { responseMimeType: 'application/json' },
    };
    expect(messageFor('gemini-2.5-flash', body)).toBe(
      "Forced function calling (ANY mode) with a response mime type: 'application/json' is unsupported",
    );
  });

  it('refuses an output format the API does not offer', () => {
    expect(
      messageFor('gemini-2.5-flash', { contents: [user], generationConfig: { responseMimeType: 'json' } }),
    ).toBe(
      '* GenerateContentRequest.generation_config.response_mime_type: allowed mimetypes are `text/plain`, `application/json`, `application/xml`, `application/yaml` and `text/x.enum`.',
    );
    expect(
      messageFor('gemini-2.5-flash', {
        contents: [user],
        generationConfig: { responseMimeType: 'text/x.enum' },
      }),
    ).toBeUndefined();
  });

  it('refuses maxOutputTokens above the model limit', () => {
    expect(
      messageFor('gemini-2.5-flash', { contents: [user], generationConfig: { maxOutputTokens: 70_000 } }),
    ).toBe(
      'Unable to submit request because it has a maxOutputTokens value of 70000 but the supported range is from 1 (inclusive) to 65537 (exclusive). Update the value and try again.',
    );
  });
});
