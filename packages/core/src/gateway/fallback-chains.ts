import type { ModelInfo, ModelTier } from '../models/model-catalog.js';

const tierOrder: readonly ModelTier[] = ['pro', 'flash', 'flash-lite'];

/**
 * The default fallback chains of a catalog: each model falls back to the cheaper tiers of its own
 * generation, best first (pro -> flash -> flash-lite). With the stock catalog:
 *
 * - `gemini-3.1-pro-preview` -> `gemini-3-flash-preview`
 * - `gemini-3-flash-preview` -> (none)
 * - `gemini-2.5-pro` -> `gemini-2.5-flash` -> `gemini-2.5-flash-lite`
 * - `gemini-2.5-flash` -> `gemini-2.5-flash-lite`
 * - `gemini-2.5-flash-lite` -> (none)
 *
 * Chains never cross generations: Gemini 3 takes `thinkingLevel` and wants thought signatures back, 2.5
 * takes `thinkingBudget`, so a request shaped for one is a 400 on the other, and a 400 is not something
 * to fall back from. Configure a cross-generation chain explicitly if your requests suit both.
 */
export function defaultFallbackChains(
  catalog: Readonly<Record<string, ModelInfo>>,
): Record<string, string[]> {
  const chains: Record<string, string[]> = {};
  const models = Object.values(catalog);
  for (const model of models) {
    const rank = tierOrder.indexOf(model.tier);
    chains[model.id] = models
      .filter((other) => other.generation === model.generation && tierOrder.indexOf(other.tier) > rank)
      .sort((a, b) => tierOrder.indexOf(a.tier) - tierOrder.indexOf(b.tier))
      .map((other) => other.id);
  }
  return chains;
}
