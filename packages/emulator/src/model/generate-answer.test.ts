import { describe, expect, it } from 'vitest';
import { normalizeGenerateContentRequest } from '../validation/normalize-request.js';
import type { GenerateContentRequest } from '../wire/types.js';
import { answerNormalizedRequest, generateAnswer } from './generate-answer.js';
import { agentTools, ask, model } from './test-support/requests.js';
import { countPartTokens, countRequestTokens, countTextTokens } from './tokenizer.js';

const prompt =
  'Explain how the regional transit plan affects commuters, fares and construction noise near the depot.';

describe('generateAnswer is deterministic', () => {
  it('answers the same request and seed identically', () => {
    for (const id of ['gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-3.1-pro-preview']) {
      const request = ask(prompt, { generationConfig: { thinkingConfig: { includeThoughts: true } } });
      expect(generateAnswer(request, model(id), { seed: 4 })).toEqual(
        generateAnswer(request, model(id), { seed: 4 }),
      );
    }
  });

  it('changes only the wording with the seed: same kind of answer, same facts, same thinking', () => {
    const answers = [1, 2, 3, 4, 5, 6].map((seed) =>
      generateAnswer(ask(prompt), model('gemini-2.5-flash'), { seed }),
    );
    const texts = new Set(answers.map((answer) => answer.answerParts[0]?.text));
    expect(texts.size).toBeGreaterThan(1);
    expect(new Set(answers.map((answer) => answer.thoughtsTokenCount)).size).toBe(1);
    for (const answer of answers) expect(answer.answerParts[0]?.text).toMatch(/transit|commuters|depot/);
    const call = (seed: number) =>
      generateAnswer(
        ask('Please read_file notes/plan.md', { tools: [{ functionDeclarations: agentTools }] }),
        model('gemini-2.5-flash'),
        { seed },
      );
    expect(call(1).answerParts[0]?.functionCall).toEqual(call(2).answerParts[0]?.functionCall);
  });

  it('derives signatures and call ids from the request: another request gets others', () => {
    const first = generateAnswer(ask(prompt), model('gemini-3-flash-preview'), { seed: 4 }).answerParts[0]
      ?.thoughtSignature;
    const second = generateAnswer(ask(`${prompt} Briefly.`), model('gemini-3-flash-preview'), { seed: 4 })
      .answerParts[0]?.thoughtSignature;
    expect(first).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(second).not.toBe(first);
  });
});

describe('token counts agree with the tokenizer', () => {
  it('counts a text answer with countTextTokens', () => {
    const answer = generateAnswer(ask(prompt), model('gemini-2.5-flash'), { seed: 4 });
    expect(answer.candidatesTokenCount).toBe(countTextTokens(answer.answerParts[0]?.text ?? ''));
  });

  it('counts function calls from their JSON plus a fixed overhead', () => {
    const answer = generateAnswer(
      ask('Read both notes/a.md and notes/b.md.', { tools: [{ functionDeclarations: agentTools }] }),
      model('gemini-2.5-flash'),
      { seed: 4 },
    );
    expect(answer.answerParts).toHaveLength(2);
    expect(answer.candidatesTokenCount).toBe(
      answer.answerParts.reduce((sum, part) => sum + countPartTokens(part), 0),
    );
  });

  it('stops before a stop sequence, with STOP', () => {
    const full =
      generateAnswer(ask(prompt), model('gemini-2.5-flash'), { seed: 4 }).answerParts[0]?.text ?? '';
    const word = full.split(' ')[3] ?? '';
    const cut = generateAnswer(
      ask(prompt, { generationConfig: { stopSequences: [word] } }),
      model('gemini-2.5-flash'),
      { seed: 4 },
    );
    expect(cut.finishReason).toBe('STOP');
    expect(cut.answerParts[0]?.text).toBe(full.slice(0, full.indexOf(word)));
  });
});

describe('answerNormalizedRequest, which the server calls with what validation worked out', () => {
  it('answers a normalized request exactly as generateAnswer answers the body it came from', () => {
    const bodies = [
      ask(prompt, { generationConfig: { thinkingConfig: { includeThoughts: true } } }),
      ask('Read both notes/a.md and notes/b.md.', { tools: [{ functionDeclarations: agentTools }] }),
      {
        contents: [{ role: 'user', parts: [{ text: `Summarize in 2 sentences: ${prompt}` }] }],
        generation_config: { thinking_config: { thinking_budget: 512, include_thoughts: true } },
      } as unknown as GenerateContentRequest,
    ];
    for (const id of ['gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-flash-preview']) {
      for (const body of bodies) {
        const normalized = normalizeGenerateContentRequest(body);
        expect(
          answerNormalizedRequest(normalized, model(id), { seed: 4 }, countRequestTokens(normalized)),
        ).toEqual(generateAnswer(body, model(id), { seed: 4 }));
      }
    }
  });
});
