import { describe, expect, it } from 'vitest';
import { costBreakdownOf, costOf } from './cost-of.js';
import { createModelCatalog } from './create-model-catalog.js';
import { getModelInfo } from './get-model-info.js';
import type { TokenUsage } from './token-usage.js';

const catalog = createModelCatalog();
const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cachedInputTokens: 0,
  totalTokens: 0,
  ...u,
});

describe('costOf', () => {
  it('prices input and output (thinking included) per million tokens', () => {
    // 2.5-flash: $0.30 in, $2.50 out. 1M in + 200k out (150k of it thinking) = 0.30 + 0.50
    const flash = getModelInfo(catalog, 'gemini-2.5-flash');
    expect(
      costOf(flash, usage({ inputTokens: 1_000_000, outputTokens: 200_000, reasoningTokens: 150_000 })),
    ).toBeCloseTo(0.8, 10);
  });

  it('prices cached input at the cache rate and the rest at the input rate', () => {
    // 2.5-pro: 100k prompt of which 80k cached: 20k * 1.25 + 80k * 0.125 = 0.025 + 0.01
    const pro = getModelInfo(catalog, 'gemini-2.5-pro');
    const breakdown = costBreakdownOf(pro, usage({ inputTokens: 100_000, cachedInputTokens: 80_000 }));
    expect(breakdown.inputUsd).toBeCloseTo(0.025, 12);
    expect(breakdown.cachedInputUsd).toBeCloseTo(0.01, 12);
    expect(breakdown.totalUsd).toBeCloseTo(0.035, 12);
    expect(breakdown.longContext).toBe(false);
  });

  it('uses the long-context rates for every token once the prompt passes 200k', () => {
    // 3.1-pro: 250k prompt (50k cached), 10k out: 200k * 4 + 50k * 0.4 + 10k * 18 = 0.8 + 0.02 + 0.18
    const pro = getModelInfo(catalog, 'gemini-3.1-pro-preview');
    const breakdown = costBreakdownOf(
      pro,
      usage({ inputTokens: 250_000, cachedInputTokens: 50_000, outputTokens: 10_000 }),
    );
    expect(breakdown.longContext).toBe(true);
    expect(breakdown.totalUsd).toBeCloseTo(1.0, 12);
  });

  it('keeps the normal rates at exactly the threshold', () => {
    const pro = getModelInfo(catalog, 'gemini-2.5-pro');
    expect(costOf(pro, usage({ inputTokens: 200_000 }))).toBeCloseTo(0.25, 12);
    expect(costOf(pro, usage({ inputTokens: 200_001 }))).toBeCloseTo((200_001 * 2.5) / 1_000_000, 12);
  });

  it('never has a threshold on models without long-context prices', () => {
    const lite = getModelInfo(catalog, 'gemini-2.5-flash-lite');
    expect(costBreakdownOf(lite, usage({ inputTokens: 900_000 })).longContext).toBe(false);
    expect(costOf(lite, usage({ inputTokens: 900_000 }))).toBeCloseTo(0.09, 12);
  });

  it('costs nothing for no tokens, and follows user price overrides', () => {
    const custom = createModelCatalog({ 'gemini-2.5-flash': { pricing: { outputPerMillion: 1 } } });
    expect(costOf(getModelInfo(custom, 'gemini-2.5-flash'), usage({}))).toBe(0);
    expect(costOf(getModelInfo(custom, 'gemini-2.5-flash'), usage({ outputTokens: 1_000_000 }))).toBeCloseTo(
      1,
      12,
    );
  });
});
