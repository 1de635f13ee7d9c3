import type { ModelCatalog } from '../models/create-model-catalog.js';
import type { ModelSettings, ThinkingSettings } from './pipeline-definition.js';

const levelOrder = ['minimal', 'low', 'medium', 'high'] as const;

function lessThinking(
  catalog: ModelCatalog,
  model: string,
  thinking: ThinkingSettings | undefined,
  maxOutput: number,
): ThinkingSettings {
  const controls = Object.hasOwn(catalog, model) ? catalog[model]?.thinking : undefined;
  if (controls?.levels || thinking?.level) {
    const allowed = controls?.levels ?? levelOrder;
    const current = levelOrder.indexOf(thinking?.level ?? 'high');
    const lower = levelOrder.slice(0, Math.max(current, 0)).filter((level) => allowed.includes(level));
    return { level: lower.at(-1) ?? (allowed[0] as ThinkingSettings['level']) };
  }
  const budgetRange = controls?.budget;
  const current =
    thinking?.budgetTokens !== undefined && thinking.budgetTokens >= 0 ? thinking.budgetTokens : maxOutput;
  const halved = Math.floor(current / 2);
  if (controls?.canDisable && halved < (budgetRange?.min || 1)) return { budgetTokens: 0 };
  const clamped = Math.min(halved, budgetRange?.max ?? halved);
  return { budgetTokens: Math.max(clamped, budgetRange?.min ?? 0) };
}

/**
 * Settings that leave more room for the answer after MAX_TOKENS ate it: double `maxOutputTokens` (up to
 * the model's maximum) and lower thinking (halve the budget, or one level down).
 */
export function roomierSettings(
  model: string,
  settings: ModelSettings,
  catalog: ModelCatalog,
): ModelSettings {
  const info = Object.hasOwn(catalog, model) ? catalog[model] : undefined;
  const modelMax = info?.maxOutputTokens ?? 65_536;
  const current = settings.maxOutputTokens ?? modelMax;
  const maxOutputTokens = Math.min(modelMax, current * 2);
  return { ...settings, maxOutputTokens, thinking: lessThinking(catalog, model, settings.thinking, current) };
}
