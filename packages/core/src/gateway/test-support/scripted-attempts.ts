import type { TokenUsage } from '../../models/token-usage.js';
import {
  TokenOffError,
  type TokenOffErrorData,
  type TokenOffErrorKind,
} from '../../models/tokenoff-error.js';
import type { AttemptContext } from '../gateway-requests.js';

/** A TokenOffError of `kind`, as the adapter would throw it. */
export function tokenOffError(kind: TokenOffErrorKind, data: Partial<TokenOffErrorData> = {}): TokenOffError {
  return new TokenOffError(`test ${kind}`, { kind, ...data });
}

export function usageOf(inputTokens: number, outputTokens: number): TokenUsage {
  return {
    inputTokens,
    outputTokens,
    reasoningTokens: 0,
    cachedInputTokens: 0,
    totalTokens: inputTokens + outputTokens,
  };
}

/** One scripted answer: an error to throw, or a value to return. */
export type Scripted = TokenOffError | string;

/**
 * An attempt function that answers each model from its own script, in order (the last entry repeats),
 * and records every attempt it saw.
 */
export function scriptedAttempts(scripts: Record<string, Scripted[]>, usage: TokenUsage = usageOf(100, 10)) {
  const seen: AttemptContext[] = [];
  const counts = new Map<string, number>();
  const attempt = async (context: AttemptContext) => {
    seen.push(context);
    const script = scripts[context.model] ?? ['ok'];
    const index = counts.get(context.model) ?? 0;
    counts.set(context.model, index + 1);
    const answer = script[Math.min(index, script.length - 1)];
    if (answer instanceof TokenOffError) throw answer;
    return { value: `${answer ?? 'ok'} from ${context.model}`, usage };
  };
  return { attempt, seen, models: () => seen.map((context) => context.model) };
}
