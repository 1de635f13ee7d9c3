import { describe, expect, it } from 'vitest';
import type { GenerateContentRequest } from '../wire/types.js';
import { countContentTokens, countPartTokens, countRequestTokens, countTextTokens } from './tokenizer.js';

describe('countTextTokens', () => {
  it('counts about four characters per token, word by word', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('hello')).toBe(2);
    expect(countTextTokens('What is the capital of France?')).toBe(9);
    expect(countTextTokens('internationalization')).toBe(5);
    const prose = 'The committee reviewed the budget and approved the plan for the next quarter. '.repeat(50);
    const ratio = prose.length / countTextTokens(prose);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(5);
  });

  it('charges punctuation, symbols, CJK characters and emoji one token each', () => {
    expect(countTextTokens('a, b.')).toBe(4);
    expect(countTextTokens('日本語です')).toBe(5);
    expect(countTextTokens('😀😀')).toBe(2);
    expect(countTextTokens('café naïve')).toBe(3);
  });

  it('counts whitespace as free except a blank line', () => {
    expect(countTextTokens('a   b')).toBe(countTextTokens('a b'));
    expect(countTextTokens('a\n\nb')).toBe(countTextTokens('a b') + 1);
  });

  it('is additive over words, so long prompts grow linearly', () => {
    expect(countTextTokens('word '.repeat(1000))).toBe(1000);
  });
});

describe('countRequestTokens', () => {
  const request: GenerateContentRequest = {
    systemInstruction: { role: 'system', parts: [{ text: 'You are terse.' }] },
    contents: [
      {
        role: 'user',
        parts: [{ text: 'Read notes.md' }, { inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
      },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'read_file', args: { path: 'notes.md' } },
            thoughtSignature: 'c2lnbmF0dXJl',
          },
        ],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'read_file', response: { result: 'Hello there.' } } }],
      },
    ],
    tools: [
      { functionDeclarations: [{ name: 'read_file', description: 'Read a file.' }] },
      { googleSearch: {} },
    ],
  };

  it('sums contents, the system instruction and the tools', () => {
    const contents = (request.contents ?? []).reduce((sum, content) => sum + countContentTokens(content), 0);
    const system = countContentTokens(request.systemInstruction ?? { parts: [] });
    const declaration = countTextTokens(JSON.stringify({ name: 'read_file', description: 'Read a file.' }));
    expect(countRequestTokens(request)).toBe(contents + system + declaration + 8);
  });

  it('prices media like an image, and signatures not at all', () => {
    expect(countPartTokens({ inlineData: { mimeType: 'image/png', data: 'AAAA' } })).toBe(258);
    const call = { functionCall: { name: 'read_file', args: { path: 'notes.md' } } };
    expect(countPartTokens({ ...call, thoughtSignature: 'c2lnbmF0dXJl'.repeat(40) })).toBe(
      countPartTokens(call),
    );
  });

  it('counts a content without a role like any other', () => {
    expect(countRequestTokens({ contents: [{ parts: [{ text: 'hi there' }] }] })).toBe(
      countTextTokens('hi there'),
    );
  });
});
