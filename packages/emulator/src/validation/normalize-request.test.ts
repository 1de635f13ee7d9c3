import { describe, expect, it } from 'vitest';
import { normalizeGenerateContentRequest } from './normalize-request.js';

describe('normalizeGenerateContentRequest', () => {
  it('keeps fields in the order sent, in lowerCamel, with enums named and nulls dropped', () => {
    const normalized = normalizeGenerateContentRequest({
      generation_config: { max_output_tokens: '64', temperature: null, response_mime_type: 'text/plain' },
      contents: [{ parts: [{ text: 'hi' }], role: 'user' }, null],
      tool_config: { function_calling_config: { mode: 1 } },
      system_instruction: null,
    });
    expect(JSON.stringify(normalized)).toBe(
      JSON.stringify({
        generationConfig: { maxOutputTokens: 64, responseMimeType: 'text/plain' },
        contents: [{ parts: [{ text: 'hi' }], role: 'user' }],
        toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      }),
    );
  });

  it('is idempotent, which lets the server hand one normalized request to the model', () => {
    const once = normalizeGenerateContentRequest({
      contents: [{ role: 'user', parts: [{ text: 'x', thought_signature: 'c2ln' }] }],
      generation_config: { thinking_config: { thinking_level: 'low' } },
    });
    expect(normalizeGenerateContentRequest(once)).toEqual(once);
  });
});
