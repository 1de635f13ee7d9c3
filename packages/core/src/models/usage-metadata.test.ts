import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subtractUsageMetadata, toTokenUsage, toUsageMetadata } from './usage-metadata.js';

describe('toUsageMetadata', () => {
  it('counts thinking as output so that input + output = total', () => {
    const usage = toUsageMetadata({
      promptTokenCount: 113,
      candidatesTokenCount: 17,
      thoughtsTokenCount: 135,
      totalTokenCount: 265,
    });
    expect(usage).toEqual({
      input_tokens: 113,
      output_tokens: 152,
      total_tokens: 265,
      input_token_details: { cache_read: 0 },
      output_token_details: { reasoning: 135 },
    });
  });

  it('counts tool-use prompt tokens as input and cached tokens as a part of input', () => {
    const usage = toUsageMetadata({
      promptTokenCount: 1000,
      cachedContentTokenCount: 800,
      toolUsePromptTokenCount: 50,
      candidatesTokenCount: 10,
      totalTokenCount: 1060,
    });
    expect(usage).toMatchObject({ input_tokens: 1050, output_tokens: 10, total_tokens: 1060 });
    expect(usage.input_token_details?.cache_read).toBe(800);
  });

  it('reads missing counts (left out when zero) as zero', () => {
    expect(toUsageMetadata({ promptTokenCount: 9, totalTokenCount: 9 })).toMatchObject({
      input_tokens: 9,
      output_tokens: 0,
      total_tokens: 9,
    });
  });

  it('converts to TokenUsage field by field', () => {
    const usage = toTokenUsage(
      toUsageMetadata({
        promptTokenCount: 5,
        cachedContentTokenCount: 2,
        candidatesTokenCount: 1,
        thoughtsTokenCount: 10,
      }),
    );
    expect(usage).toEqual({
      inputTokens: 5,
      outputTokens: 11,
      reasoningTokens: 10,
      cachedInputTokens: 2,
      totalTokens: 16,
    });
    expect(toTokenUsage(undefined).totalTokens).toBe(0);
  });
});

describe('subtractUsageMetadata', () => {
  it('makes stream deltas that always sum to the last cumulative usage', () => {
    const count = fc.nat({ max: 100_000 });
    const snapshot = fc.record({
      promptTokenCount: count,
      candidatesTokenCount: count,
      thoughtsTokenCount: count,
      cachedContentTokenCount: count,
    });
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1, maxLength: 12 }), (snapshots) => {
        let previous: ReturnType<typeof toUsageMetadata> | undefined;
        const sum = { input: 0, output: 0, total: 0, reasoning: 0, cached: 0 };
        for (const raw of snapshots) {
          const current = toUsageMetadata(raw);
          const delta = subtractUsageMetadata(current, previous);
          sum.input += delta.input_tokens;
          sum.output += delta.output_tokens;
          sum.total += delta.total_tokens;
          sum.reasoning += delta.output_token_details?.reasoning ?? 0;
          sum.cached += delta.input_token_details?.cache_read ?? 0;
          previous = current;
        }
        const last = toUsageMetadata(snapshots.at(-1) ?? {});
        expect(sum).toEqual({
          input: last.input_tokens,
          output: last.output_tokens,
          total: last.total_tokens,
          reasoning: last.output_token_details?.reasoning,
          cached: last.input_token_details?.cache_read,
        });
      }),
    );
  });
});
