import { describe, expect, it } from 'vitest';
import type { GenerateContentRequest } from '../wire/types.js';
import { generateAnswer } from './generate-answer.js';
import { ask, model } from './test-support/requests.js';

const question = 'How do I cross a busy street safely with two children and a dog?';

function thinking(id: string, thinkingConfig?: Record<string, unknown>, text = question) {
  const request: GenerateContentRequest = ask(
    text,
    thinkingConfig === undefined ? {} : { generationConfig: { thinkingConfig } },
  );
  return generateAnswer(request, model(id), { seed: 2 });
}

describe('thinking like the real models', () => {
  it('pro models always think', () => {
    expect(thinking('gemini-2.5-pro').thoughtsTokenCount).toBeGreaterThan(0);
    expect(thinking('gemini-3.1-pro-preview').thoughtsTokenCount).toBeGreaterThan(0);
    expect(thinking('gemini-2.5-pro', { thinkingBudget: 128 }).thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('flash thinks unless thinkingBudget is 0', () => {
    expect(thinking('gemini-2.5-flash').thoughtsTokenCount).toBeGreaterThan(0);
    expect(thinking('gemini-2.5-flash', { thinkingBudget: 0 }).thoughtsTokenCount).toBe(0);
    expect(thinking('gemini-3-flash-preview', { thinkingBudget: 0 }).thoughtsTokenCount).toBe(0);
  });

  it('flash-lite does not think by default, and does with a budget of 512 or more', () => {
    expect(thinking('gemini-2.5-flash-lite').thoughtsTokenCount).toBe(0);
    expect(thinking('gemini-2.5-flash-lite', { thinkingBudget: 1024 }).thoughtsTokenCount).toBeGreaterThan(0);
  });

  it('scales with the thinking level on gemini-3: minimal < low < medium < high (the default)', () => {
    const levels = ['minimal', 'low', 'medium', 'high'].map(
      (level) => thinking('gemini-3-flash-preview', { thinkingLevel: level }).thoughtsTokenCount,
    );
    expect(levels[0]).toBeGreaterThan(0);
    expect([...levels].sort((left, right) => (left ?? 0) - (right ?? 0))).toEqual(levels);
    expect(new Set(levels).size).toBe(4);
    expect(thinking('gemini-3-flash-preview').thoughtsTokenCount).toBe(levels[3]);
  });

  it('thinks more for longer prompts, and never above the budget', () => {
    const long = `${'The committee reviewed the budget, the schedule and the staffing plan in detail. '.repeat(80)}What should change?`;
    expect(thinking('gemini-2.5-pro', undefined, long).thoughtsTokenCount).toBeGreaterThan(
      thinking('gemini-2.5-pro').thoughtsTokenCount,
    );
    expect(thinking('gemini-2.5-pro', { thinkingBudget: 200 }, long).thoughtsTokenCount).toBe(200);
  });

  it('returns thought parts only with includeThoughts, shaped like the recorded ones', () => {
    expect(thinking('gemini-2.5-pro').thoughtParts).toEqual([]);
    const parts = thinking('gemini-2.5-pro', { includeThoughts: true }).thoughtParts;
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part.thought).toBe(true);
      expect(part.text).toMatch(/^\*\*[A-Z][^*]+\*\*\n\n\S[\s\S]*\n\n\n$/);
    }
    expect(thinking('gemini-2.5-flash', { includeThoughts: true, thinkingBudget: 0 }).thoughtParts).toEqual(
      [],
    );
  });

  it('puts a thought signature on the last answer text part of gemini-3 models only', () => {
    const parts = thinking('gemini-3-flash-preview').answerParts;
    expect(parts.at(-1)?.thoughtSignature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(thinking('gemini-2.5-pro').answerParts.every((part) => part.thoughtSignature === undefined)).toBe(
      true,
    );
  });

  it('signs a 2.5 text answer only when the model thought with functions declared (recorded 030)', () => {
    const tools = [{ functionDeclarations: [{ name: 'dummy', description: '' }] }];
    const signed = (id: string, thinkingConfig?: Record<string, unknown>) =>
      generateAnswer(
        ask(question, { tools, generationConfig: thinkingConfig === undefined ? {} : { thinkingConfig } }),
        model(id),
        { seed: 2 },
      ).answerParts[0]?.thoughtSignature;
    expect(signed('gemini-2.5-pro')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(signed('gemini-2.5-flash', { thinkingBudget: 0 })).toBeUndefined();
    expect(signed('gemini-2.5-flash-lite')).toBeUndefined();
  });
});

describe('thinking after function results', () => {
  const contents = [
    { role: 'user', parts: [{ text: 'what is the sum of 1 + 2?' }] },
    { role: 'model', parts: [{ functionCall: { name: 'sum', args: { a: 1, b: 2 } } }] },
    { role: 'user', parts: [{ functionResponse: { name: 'sum', response: { sum: 3 } } }] },
  ];
  const tools = [{ functionDeclarations: [{ name: 'sum', description: 'computes the sum of two numbers' }] }];
  const followUp = (id: string, thinkingConfig?: Record<string, unknown>) =>
    generateAnswer(
      { contents, tools, ...(thinkingConfig === undefined ? {} : { generationConfig: { thinkingConfig } }) },
      model(id),
      { seed: 2 },
    );

  it('skips dynamic thinking on 2.5 flash, as recorded (006), and carries no signature then', () => {
    expect(followUp('gemini-2.5-flash')).toMatchObject({
      thoughtsTokenCount: 0,
      answerParts: [{ text: expect.any(String) }],
    });
    expect(followUp('gemini-2.5-flash').answerParts[0]?.thoughtSignature).toBeUndefined();
  });

  it('still thinks with an explicit budget, on pro models and on Gemini 3', () => {
    expect(followUp('gemini-2.5-flash', { thinkingBudget: 1024 }).thoughtsTokenCount).toBeGreaterThan(0);
    expect(followUp('gemini-2.5-pro').thoughtsTokenCount).toBeGreaterThan(0);
    expect(followUp('gemini-3-flash-preview').thoughtsTokenCount).toBeGreaterThan(0);
  });
});

describe('maxOutputTokens', () => {
  it('counts thinking against the limit and cuts the answer with MAX_TOKENS', () => {
    const free = thinking('gemini-2.5-flash');
    const limit = free.thoughtsTokenCount + 5;
    const cut = generateAnswer(
      ask(question, { generationConfig: { maxOutputTokens: limit } }),
      model('gemini-2.5-flash'),
      { seed: 2 },
    );
    expect(cut.finishReason).toBe('MAX_TOKENS');
    expect(cut.thoughtsTokenCount + cut.candidatesTokenCount).toBeLessThanOrEqual(limit);
    expect(cut.candidatesTokenCount).toBeGreaterThan(0);
    expect(free.answerParts[0]?.text?.startsWith(cut.answerParts[0]?.text ?? '-')).toBe(true);
  });

  it('answers nothing with MAX_TOKENS when thinking uses the whole limit (the empty MAX_TOKENS case)', () => {
    const answer = generateAnswer(
      ask(question, { generationConfig: { maxOutputTokens: 10 } }),
      model('gemini-2.5-pro'),
      { seed: 2 },
    );
    expect(answer).toMatchObject({
      answerParts: [],
      candidatesTokenCount: 0,
      finishReason: 'MAX_TOKENS',
      thoughtsTokenCount: 10,
    });
  });

  it('truncates a non-thinking answer to the limit (recorded 031: 5 tokens, thinking off)', () => {
    const answer = generateAnswer(
      ask('What is the capital of France?', {
        generationConfig: { maxOutputTokens: 5, thinkingConfig: { thinkingBudget: 0 } },
      }),
      model('gemini-2.5-flash'),
      { seed: 2 },
    );
    expect(answer.finishReason).toBe('MAX_TOKENS');
    expect(answer.candidatesTokenCount).toBeLessThanOrEqual(5);
    expect(answer.thoughtsTokenCount).toBe(0);
  });

  it('cuts JSON output too, leaving it unparsable as the real API does', () => {
    const answer = generateAnswer(
      ask('List the companies: Acme Corp., Globex Inc and Initech LLC.', {
        generationConfig: {
          maxOutputTokens: 12,
          thinkingConfig: { thinkingBudget: 0 },
          responseMimeType: 'application/json',
          responseSchema: { type: 'ARRAY', items: { type: 'STRING' } },
        },
      }),
      model('gemini-2.5-flash'),
      { seed: 2 },
    );
    expect(answer.finishReason).toBe('MAX_TOKENS');
    expect(() => JSON.parse(answer.answerParts[0]?.text ?? '')).toThrow();
  });
});
