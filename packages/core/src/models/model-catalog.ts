/**
 * What tokenflow knows about each TokenOff model: limits, prices and thinking controls.
 * Prices are USD per 1M tokens on the Gemini Developer API paid tier (gemini-wire.md section 10);
 * thinking tokens are billed at the output rate. Default limits are conservative Tier-1 figures;
 * override them per model (TokenOff's real quota is per account).
 */

export type ModelTier = 'pro' | 'flash' | 'flash-lite';

export interface ModelPricing {
  /** USD per 1M input (prompt) tokens. */
  inputPerMillion: number;
  /** USD per 1M output tokens, thinking included. */
  outputPerMillion: number;
  /** USD per 1M cached prompt tokens. */
  cachedInputPerMillion: number;
  /** Prompts longer than this many tokens are billed at the `long*` rates. */
  longContextThreshold?: number;
  longInputPerMillion?: number;
  longOutputPerMillion?: number;
  longCachedInputPerMillion?: number;
}

export interface ThinkingControls {
  /** Whether thinking can be turned off (`thinkingBudget: 0`). */
  canDisable: boolean;
  /** Whether the model thinks when the request says nothing. */
  onByDefault: boolean;
  /** Accepted `thinkingBudget` range (2.5 models). */
  budget?: { min: number; max: number };
  /** Accepted `thinkingLevel` values (Gemini 3 models), lowercase. */
  levels?: readonly string[];
}

export interface ModelLimits {
  /** Requests per minute. */
  rpm: number;
  /** Input tokens per minute. */
  tpm: number;
  /** Requests per day, if the plan has a daily cap. */
  rpd?: number;
  /** In-flight requests at once. */
  concurrency: number;
}

export interface ModelInfo {
  id: string;
  displayName: string;
  generation: '2.5' | '3';
  tier: ModelTier;
  contextWindow: number;
  maxOutputTokens: number;
  pricing: ModelPricing;
  thinking: ThinkingControls;
  limits: ModelLimits;
  /** Gemini 3 models return thought signatures and require them back on function calls. */
  thoughtSignatures: boolean;
}

export const defaultModelCatalog: Readonly<Record<string, ModelInfo>> = {
  'gemini-3.1-pro-preview': {
    id: 'gemini-3.1-pro-preview',
    displayName: 'Gemini 3.1 Pro Preview',
    generation: '3',
    tier: 'pro',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: {
      inputPerMillion: 2,
      outputPerMillion: 12,
      cachedInputPerMillion: 0.2,
      longContextThreshold: 200_000,
      longInputPerMillion: 4,
      longOutputPerMillion: 18,
      longCachedInputPerMillion: 0.4,
    },
    thinking: { canDisable: false, onByDefault: true, levels: ['low', 'medium', 'high'] },
    limits: { rpm: 150, tpm: 2_000_000, concurrency: 32 },
    thoughtSignatures: true,
  },
  'gemini-3-flash-preview': {
    id: 'gemini-3-flash-preview',
    displayName: 'Gemini 3 Flash Preview',
    generation: '3',
    tier: 'flash',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: { inputPerMillion: 0.5, outputPerMillion: 3, cachedInputPerMillion: 0.05 },
    thinking: { canDisable: false, onByDefault: true, levels: ['minimal', 'low', 'medium', 'high'] },
    limits: { rpm: 1_000, tpm: 1_000_000, concurrency: 64 },
    thoughtSignatures: true,
  },
  'gemini-2.5-pro': {
    id: 'gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    generation: '2.5',
    tier: 'pro',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: {
      inputPerMillion: 1.25,
      outputPerMillion: 10,
      cachedInputPerMillion: 0.125,
      longContextThreshold: 200_000,
      longInputPerMillion: 2.5,
      longOutputPerMillion: 15,
      longCachedInputPerMillion: 0.25,
    },
    thinking: { canDisable: false, onByDefault: true, budget: { min: 128, max: 32_768 } },
    limits: { rpm: 150, tpm: 2_000_000, rpd: 10_000, concurrency: 32 },
    thoughtSignatures: false,
  },
  'gemini-2.5-flash': {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    generation: '2.5',
    tier: 'flash',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: { inputPerMillion: 0.3, outputPerMillion: 2.5, cachedInputPerMillion: 0.03 },
    thinking: { canDisable: true, onByDefault: true, budget: { min: 0, max: 24_576 } },
    limits: { rpm: 1_000, tpm: 1_000_000, rpd: 10_000, concurrency: 64 },
    thoughtSignatures: false,
  },
  'gemini-2.5-flash-lite': {
    id: 'gemini-2.5-flash-lite',
    displayName: 'Gemini 2.5 Flash Lite',
    generation: '2.5',
    tier: 'flash-lite',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    pricing: { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.01 },
    thinking: { canDisable: true, onByDefault: false, budget: { min: 512, max: 24_576 } },
    limits: { rpm: 4_000, tpm: 4_000_000, concurrency: 64 },
    thoughtSignatures: false,
  },
};
