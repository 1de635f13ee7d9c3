import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../models/token-usage.js';
import { UsageMeter } from './usage-meter.js';

const usage = (inputTokens: number, outputTokens: number): TokenUsage => ({
  inputTokens,
  outputTokens,
  reasoningTokens: 1,
  cachedInputTokens: 2,
  totalTokens: inputTokens + outputTokens,
});

/** One USD per thousand tokens, whatever the model. */
const perThousand = (_model: string, counted: TokenUsage) => counted.totalTokens / 1000;

describe('UsageMeter', () => {
  it('sums the usage and cost of every answer, per model and in total', () => {
    const meter = new UsageMeter(perThousand);
    meter.recordResponse('flash', usage(100, 20));
    meter.recordResponse('flash', usage(50, 10));
    meter.recordFailure('pro', usage(30, 0));
    const snapshot = meter.snapshot();
    expect(snapshot.usage).toEqual({
      inputTokens: 180,
      outputTokens: 30,
      reasoningTokens: 3,
      cachedInputTokens: 6,
      totalTokens: 210,
    });
    expect(snapshot.models.flash?.usage.totalTokens).toBe(180);
    expect(snapshot.models.pro?.usage.totalTokens).toBe(30);
    expect(snapshot.costUsd).toBeCloseTo(0.21);
  });

  it('leaves a snapshot as it was when later answers are recorded', () => {
    const meter = new UsageMeter(perThousand);
    const recorded = usage(100, 20);
    meter.recordResponse('flash', recorded);
    const before = meter.snapshot();
    meter.recordResponse('flash', usage(50, 10));
    expect(before.usage.totalTokens).toBe(120);
    expect(before.models.flash?.usage.inputTokens).toBe(100);
    expect(recorded).toEqual(usage(100, 20));
    expect(meter.snapshot().usage.totalTokens).toBe(180);
  });
});
