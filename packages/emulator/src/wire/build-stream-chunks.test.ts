import { describe, expect, it } from 'vitest';
import { buildStreamChunks } from './build-stream-chunks.js';
import { buildUnaryResponse } from './build-unary-response.js';
import type { ResponsePlan } from './response-plan.js';

function plan(
  overrides: Partial<ResponsePlan> = {},
  candidate: Partial<NonNullable<ResponsePlan['candidate']>> = {},
): ResponsePlan {
  return {
    modelVersion: 'gemini-2.5-flash',
    responseId: 'id-1',
    promptTokenCount: 10,
    emptyFinalTextPart: false,
    candidate: {
      thoughtParts: [{ text: 'Thinking about it carefully first.', thought: true }],
      thoughtsTokenCount: 30,
      answerParts: [{ text: 'word '.repeat(100) }],
      candidatesTokenCount: 100,
      finishReason: 'STOP',
      ...candidate,
    },
    ...overrides,
  };
}

describe('buildStreamChunks', () => {
  it('sends thoughts first, then text deltas, with cumulative usage ending at the unary totals', () => {
    const chunks = buildStreamChunks(plan(), 100);
    const unary = buildUnaryResponse(plan());
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0]?.candidates?.[0]?.content?.parts?.[0]?.thought).toBe(true);
    expect(chunks[0]?.usageMetadata.candidatesTokenCount).toBeUndefined();
    let previous = 0;
    for (const chunk of chunks) {
      const usage = chunk.usageMetadata;
      expect(usage.totalTokenCount).toBe(
        usage.promptTokenCount + (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
      );
      expect(usage.totalTokenCount).toBeGreaterThanOrEqual(previous);
      previous = usage.totalTokenCount;
      expect(chunk.responseId).toBe('id-1');
    }
    expect(chunks.at(-1)?.usageMetadata).toEqual(unary.usageMetadata);
    const text = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .filter((part) => !part.thought);
    expect(text.map((part) => part.text).join('')).toBe('word '.repeat(100));
  });

  it('puts finishReason on the last chunk only, which still has parts', () => {
    const chunks = buildStreamChunks(plan(), 100);
    expect(chunks.filter((chunk) => chunk.candidates?.[0]?.finishReason !== undefined)).toHaveLength(1);
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(chunks.at(-1)?.candidates?.[0]?.content?.parts?.length).toBe(1);
  });

  it('keeps 2.5 parallel calls together in one final chunk with finishMessage', () => {
    const calls = [
      { functionCall: { name: 'sum', args: { a: 1 } }, thoughtSignature: 'sig' },
      { functionCall: { name: 'sum', args: { a: 2 } } },
    ];
    const chunks = buildStreamChunks(
      plan({}, { answerParts: calls, finishMessage: 'Model generated function call(s).' }),
      100,
    );
    const last = chunks.at(-1)?.candidates?.[0];
    expect(last?.content?.parts).toEqual(calls);
    expect(last?.finishMessage).toBe('Model generated function call(s).');
  });

  it('on Gemini 3 sends each call alone and ends on an empty text part without finishMessage', () => {
    const calls = [
      { functionCall: { name: 'sum', args: { a: 1 }, id: 'x' }, thoughtSignature: 'sig' },
      { functionCall: { name: 'sum', args: { a: 2 }, id: 'y' } },
    ];
    const chunks = buildStreamChunks(
      plan(
        { emptyFinalTextPart: true },
        { thoughtParts: [], answerParts: calls, finishMessage: 'Model generated function call(s).' },
      ),
      100,
    );
    expect(chunks.map((chunk) => chunk.candidates?.[0]?.content?.parts)).toEqual([
      [calls[0]],
      [calls[1]],
      [{ text: '' }],
    ]);
    expect(chunks.at(-1)?.candidates?.[0]?.finishMessage).toBeUndefined();
  });

  it('moves a Gemini 3 text signature to the trailing empty part, and puts a 2.5 one on the first delta', () => {
    const signed = { answerParts: [{ text: 'word '.repeat(60), thoughtSignature: 'sig' }], thoughtParts: [] };
    const three = buildStreamChunks(plan({ emptyFinalTextPart: true }, signed), 100);
    expect(three.at(-1)?.candidates?.[0]?.content?.parts).toEqual([{ text: '', thoughtSignature: 'sig' }]);
    expect(
      three.slice(0, -1).some((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature),
    ).toBe(false);
    const two = buildStreamChunks(plan({}, signed), 100);
    expect(two[0]?.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature).toBe('sig');
    expect(two.slice(1).some((chunk) => chunk.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature)).toBe(
      false,
    );
  });

  it('writes a blocked prompt as one chunk without candidates', () => {
    const { candidate: _none, ...blocked } = plan();
    const chunks = buildStreamChunks({ ...blocked, promptFeedback: { blockReason: 'SAFETY' } });
    expect(chunks).toEqual([
      {
        promptFeedback: { blockReason: 'SAFETY' },
        usageMetadata: {
          promptTokenCount: 10,
          totalTokenCount: 10,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: 10 }],
        },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'id-1',
      },
    ]);
  });
});
