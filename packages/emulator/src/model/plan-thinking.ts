import type { EmulatedModel } from '../catalog/emulated-models.js';
import { normalizeThinkingLevel } from '../validation/generation-rules.js';
import type { GenerateContentRequest } from '../wire/types.js';
import type { ThinkingActivity } from './compose-thoughts.js';

/** How much the model thinks for one request. */
export interface ThinkingPlan {
  /** Thinking tokens spent (0 when the model does not think). */
  tokens: number;
  /** Whether thought summaries are returned as `thought: true` parts. */
  includeThoughts: boolean;
}

const tierFactor = { pro: 1.6, flash: 1, 'flash-lite': 0.6 } as const;
const levelFactor: Record<string, number> = { minimal: 0.08, low: 0.4, medium: 0.8, high: 1.2 };

/**
 * Decides the thinking of one answer, following the real models:
 * - `thinkingBudget: 0` turns thinking off (validation already refused it where it cannot be);
 * - a positive budget or -1 (dynamic) turns it on, also on flash-lite;
 * - a `thinkingLevel` (Gemini 3) scales it: minimal is small, high is the default;
 * - otherwise the model's default applies: pro and flash think, flash-lite does not; with dynamic
 *   thinking, 2.5 flash models answer function results without thinking, as recorded (006).
 *
 * The amount grows with the prompt (`40 + promptTokens / 2`, plus `effort` for tool or schema work),
 * scaled by tier and level, at least 12 tokens, and never above the budget (or the model's maximum).
 */
export function planThinking(
  request: GenerateContentRequest,
  model: EmulatedModel,
  promptTokens: number,
  effort: number,
  activity?: ThinkingActivity,
): ThinkingPlan {
  const config = request.generationConfig?.thinkingConfig ?? {};
  const includeThoughts = config.includeThoughts === true;
  const budget =
    config.thinkingBudget === undefined || config.thinkingBudget === null
      ? undefined
      : Number(config.thinkingBudget);
  const level = normalizeThinkingLevel(config.thinkingLevel);
  const thinks = budget === undefined ? level !== undefined || model.thinking.onByDefault : budget !== 0;
  if (!thinks) return { tokens: 0, includeThoughts: false };
  // Dynamic thinking on 2.5 flash models skips the answer to function results (recorded 006; Gemini 3
  // flash recordings disagree, 008 without thinking and 013 with, so Gemini 3 keeps thinking).
  const dynamic = (budget === undefined || budget === -1) && level === undefined;
  if (dynamic && model.generation === '2.5' && model.tier !== 'pro' && activity === 'tool-results') {
    return { tokens: 0, includeThoughts: false };
  }
  const defaultLevel = model.generation === '3' ? 'high' : undefined;
  const scale = tierFactor[model.tier] * (levelFactor[level ?? defaultLevel ?? 'medium'] ?? 1);
  const wanted = Math.max(12, Math.round((40 + promptTokens / 2 + effort) * scale));
  const cap = budget !== undefined && budget > 0 ? budget : (model.thinking.budget?.max ?? 24_576);
  return { tokens: Math.min(wanted, cap), includeThoughts };
}
