import { z } from 'zod';
import { firstOptionIssue, option } from '../errors/option-schema.js';
import { TokenflowError } from '../errors/tokenflow-error.js';
import {
  defaultModelCatalog,
  type ModelInfo,
  type ModelLimits,
  type ModelPricing,
  type ThinkingControls,
} from './model-catalog.js';

/** Model id → what tokenflow knows about it. */
export type ModelCatalog = Readonly<Record<string, ModelInfo>>;

/**
 * A change to one model's entry: any top-level field, and any field of `pricing`, `thinking` and `limits`
 * (merged, so `{ limits: { rpm: 30 } }` keeps the other limits). A new model id needs at least
 * `pricing.inputPerMillion` and `pricing.outputPerMillion`, so that its cost is never silently zero.
 */
export interface ModelInfoOverride
  extends Partial<Omit<ModelInfo, 'id' | 'pricing' | 'thinking' | 'limits'>> {
  pricing?: Partial<ModelPricing>;
  thinking?: Partial<ThinkingControls>;
  limits?: Partial<ModelLimits>;
}

/**
 * The built-in catalog of TokenOff models, with `overrides` merged per model. Ids not in the catalog
 * add new models: generation and tier are read from the id, window and output limits default to the
 * Gemini ones, cached input to 10% of input, and limits to conservative figures (60 RPM, 8 at once).
 *
 * @example
 * const catalog = createModelCatalog({
 *   'gemini-2.5-pro': { limits: { rpm: 30, rpd: 1_000 } },
 *   'gemini-3.5-flash': { pricing: { inputPerMillion: 0.5, outputPerMillion: 3 } },
 * });
 */
export function createModelCatalog(
  overrides: Readonly<Record<string, ModelInfoOverride>> = {},
): ModelCatalog {
  const catalog: Record<string, ModelInfo> = {};
  for (const [id, info] of Object.entries(defaultModelCatalog)) catalog[id] = info;
  for (const [rawId, override] of Object.entries(overrides)) {
    const id = rawId.replace(/^models\//, '');
    const where = `createModelCatalog: overrides[${JSON.stringify(rawId)}]`;
    if (typeof override !== 'object' || override === null) {
      throw new TokenflowError(
        'invalid_model_override',
        `${where} must be an object, got ${describe(override)}.`,
      );
    }
    const base = catalog[id] ?? newModelBase(id, override, where);
    const merged: ModelInfo = {
      ...base,
      ...override,
      id,
      pricing: { ...base.pricing, ...override.pricing },
      thinking: { ...base.thinking, ...override.thinking },
      limits: { ...base.limits, ...override.limits },
    };
    validateModelInfo(merged, where);
    catalog[id] = merged;
  }
  return Object.freeze(catalog);
}

function newModelBase(id: string, override: ModelInfoOverride, where: string): ModelInfo {
  const input = override.pricing?.inputPerMillion;
  const output = override.pricing?.outputPerMillion;
  if (input === undefined || output === undefined) {
    throw new TokenflowError(
      'invalid_model_override',
      `${where} adds a model the catalog does not know, so it needs its prices: set pricing.inputPerMillion and pricing.outputPerMillion (USD per 1M tokens)${input === undefined && output === undefined ? '' : `; got only ${input === undefined ? 'outputPerMillion' : 'inputPerMillion'}`}. If you meant a known model, check the id.`,
    );
  }
  const generation = /gemini-[3-9]/.test(id) ? '3' : '2.5';
  const tier = id.includes('flash-lite') ? 'flash-lite' : id.includes('flash') ? 'flash' : 'pro';
  return {
    id,
    displayName: id,
    generation,
    tier,
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: { inputPerMillion: input, outputPerMillion: output, cachedInputPerMillion: input / 10 },
    thinking: { canDisable: true, onByDefault: true },
    limits: { rpm: 60, tpm: 1_000_000, concurrency: 8 },
    thoughtSignatures: generation === '3',
  };
}

const positive = 'a positive finite number';
const nonNegative = 'a non-negative finite number';
const positiveNumber = z.number({ error: positive }).gt(0, { error: positive });
const nonNegativeNumber = option.number(0, undefined, nonNegative);

/** The figures a merged entry must get right, or costs and limits go wrong silently. */
const modelInfoSchema = z.looseObject({
  contextWindow: positiveNumber,
  maxOutputTokens: positiveNumber,
  pricing: z.looseObject({
    inputPerMillion: nonNegativeNumber,
    outputPerMillion: nonNegativeNumber,
    cachedInputPerMillion: nonNegativeNumber,
    longContextThreshold: nonNegativeNumber.optional(),
    longInputPerMillion: nonNegativeNumber.optional(),
    longOutputPerMillion: nonNegativeNumber.optional(),
    longCachedInputPerMillion: nonNegativeNumber.optional(),
  }),
  limits: z.looseObject({
    rpm: positiveNumber,
    tpm: positiveNumber,
    concurrency: positiveNumber,
    rpd: positiveNumber.optional(),
  }),
});

function validateModelInfo(info: ModelInfo, where: string): void {
  const issue = firstOptionIssue(modelInfoSchema, info);
  if (issue !== undefined) {
    throw new TokenflowError(
      'invalid_model_override',
      `${where}.${issue.name} must be ${issue.expected}, got ${describe(issue.value)}. Fix that override.`,
    );
  }
}

function describe(value: unknown): string {
  return `${JSON.stringify(value) ?? String(value)} (${value === null ? 'null' : typeof value})`;
}
