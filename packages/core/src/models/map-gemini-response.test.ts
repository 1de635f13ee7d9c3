import { describe, expect, it } from 'vitest';
import { checkFinish } from './check-finish.js';
import { mapGeminiResponse } from './map-gemini-response.js';
import { TokenOffError } from './tokenoff-error.js';

const options = { model: 'gemini-2.5-flash', truncatedAnswers: 'return' as const };

describe('mapGeminiResponse', () => {
  it('returns an answer that stopped normally, whatever it holds, as checkFinish decides', () => {
    // mapGeminiResponse does not ask checkFinish about a STOP candidate: this is why it need not.
    for (const answered of [true, false]) {
      for (const truncatedAnswers of ['return', 'throw'] as const) {
        const facts = {
          model: options.model,
          finishReason: 'STOP',
          blockReason: undefined,
          hasCandidate: true,
        };
        const usage = {
          inputTokens: 3,
          outputTokens: 0,
          reasoningTokens: 0,
          cachedInputTokens: 0,
          totalTokens: 3,
        };
        expect(checkFinish({ ...facts, answered, usage, truncatedAnswers })).toBeUndefined();
      }
    }
    const empty = mapGeminiResponse(
      { candidates: [{ content: { parts: [] }, finishReason: 'STOP' }] },
      options,
    );
    expect(empty.generations[0]?.text).toBe('');
    const answer = mapGeminiResponse(
      { candidates: [{ content: { parts: [{ text: 'Hello.' }] }, finishReason: 'STOP', index: 0 }] },
      options,
    );
    expect(answer.generations[0]?.message.content).toBe('Hello.');
    expect(answer.generations[0]?.generationInfo).toEqual({ finishReason: 'STOP', finish_reason: 'STOP' });
  });

  it('still refuses a blocked prompt whose candidate says STOP', () => {
    const blocked = () =>
      mapGeminiResponse(
        {
          candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }],
          promptFeedback: { blockReason: 'SAFETY' },
        },
        options,
      );
    expect(blocked).toThrow(TokenOffError);
    expect(blocked).toThrow(/blocked the prompt/);
  });

  it('still asks checkFinish about any other finish', () => {
    const cut = () =>
      mapGeminiResponse({ candidates: [{ content: { parts: [] }, finishReason: 'MAX_TOKENS' }] }, options);
    expect(cut).toThrow(/MAX_TOKENS/);
    const missing = () => mapGeminiResponse({ candidates: [{ content: { parts: [] } }] }, options);
    expect(missing).not.toThrow();
  });
});
