/**
 * The five TokenOff models the emulator serves, with their published limits and thinking controls
 * (gemini-wire.md sections 1, 3 and 10).
 */

/** Thinking controls of one model, as the real API enforces them. */
export interface EmulatedThinking {
  /** `thinkingBudget: 0` turns thinking off (false on pro models: budget 0 is a 400). */
  canDisable: boolean;
  /** Whether the model thinks when the request says nothing about thinking. */
  onByDefault: boolean;
  /** Accepted `thinkingBudget` range besides 0 (when `canDisable`) and -1 (dynamic). */
  budget?: { min: number; max: number };
  /** Accepted `thinkingLevel` values, lowercase (gemini-3 models only). */
  levels?: string[];
}

/** One model the emulator answers for. */
export interface EmulatedModel {
  /** Model id without the `models/` prefix, e.g. `gemini-2.5-pro`. */
  id: string;
  displayName: string;
  description: string;
  version: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  generation: '2.5' | '3';
  tier: 'pro' | 'flash' | 'flash-lite';
  thinking: EmulatedThinking;
  /** Gemini 3 models return and require `thoughtSignature`s on function calls. */
  thoughtSignatures: boolean;
  /**
   * Whether `presencePenalty` / `frequencyPenalty` are accepted. The real API answered
   * "Penalty is not enabled for models/gemini-2.5-flash" (fixture 025); no model TokenOff serves is
   * known to accept them, so all five refuse a non-zero penalty.
   */
  penalties: boolean;
}

const inputTokenLimit = 1_048_576;
const outputTokenLimit = 65_536;

/** The five TokenOff models, strongest first. */
export const emulatedModels: readonly EmulatedModel[] = Object.freeze([
  {
    id: 'gemini-3.1-pro-preview',
    displayName: 'Gemini 3.1 Pro Preview',
    description: 'Gemini 3.1 Pro Preview: the most capable Gemini 3 model, always thinking.',
    version: '3.1-pro-preview-02-2026',
    inputTokenLimit,
    outputTokenLimit,
    generation: '3',
    tier: 'pro',
    thinking: {
      canDisable: false,
      onByDefault: true,
      budget: { min: 128, max: 32_768 },
      levels: ['low', 'medium', 'high'],
    },
    thoughtSignatures: true,
    penalties: false,
  },
  {
    id: 'gemini-3-flash-preview',
    displayName: 'Gemini 3 Flash Preview',
    description: 'Gemini 3 Flash Preview: frontier intelligence at flash speed and price.',
    version: '3-flash-preview-12-2025',
    inputTokenLimit,
    outputTokenLimit,
    generation: '3',
    tier: 'flash',
    thinking: {
      canDisable: true,
      onByDefault: true,
      budget: { min: 1, max: 24_576 },
      levels: ['minimal', 'low', 'medium', 'high'],
    },
    thoughtSignatures: true,
    penalties: false,
  },
  {
    id: 'gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    description: 'Stable release (June 17th, 2025) of Gemini 2.5 Pro',
    version: '2.5',
    inputTokenLimit,
    outputTokenLimit,
    generation: '2.5',
    tier: 'pro',
    thinking: { canDisable: false, onByDefault: true, budget: { min: 128, max: 32_768 } },
    thoughtSignatures: false,
    penalties: false,
  },
  {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    description:
      'Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.',
    version: '001',
    inputTokenLimit,
    outputTokenLimit,
    generation: '2.5',
    tier: 'flash',
    thinking: { canDisable: true, onByDefault: true, budget: { min: 1, max: 24_576 } },
    thoughtSignatures: false,
    penalties: false,
  },
  {
    id: 'gemini-2.5-flash-lite',
    displayName: 'Gemini 2.5 Flash-Lite',
    description: 'Stable version of Gemini 2.5 Flash-Lite, released in July of 2025',
    version: '001',
    inputTokenLimit,
    outputTokenLimit,
    generation: '2.5',
    tier: 'flash-lite',
    thinking: { canDisable: true, onByDefault: false, budget: { min: 512, max: 24_576 } },
    thoughtSignatures: false,
    penalties: false,
  },
] satisfies EmulatedModel[]);

/**
 * Finds an emulated model by id; accepts the `models/` prefix clients sometimes keep.
 *
 * @example findEmulatedModel('models/gemini-2.5-pro')?.tier // 'pro'
 */
export function findEmulatedModel(id: string): EmulatedModel | undefined {
  const bare = id.startsWith('models/') ? id.slice('models/'.length) : id;
  return emulatedModels.find((model) => model.id === bare);
}

/**
 * The `Model` resource `GET /v1beta/models/{model}` answers with (gemini-wire.md section 1),
 * keys in the order the real API writes them.
 */
export function toModelResource(model: EmulatedModel): Record<string, unknown> {
  return {
    name: `models/${model.id}`,
    version: model.version,
    displayName: model.displayName,
    description: model.description,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: [
      'generateContent',
      'countTokens',
      'createCachedContent',
      'batchGenerateContent',
    ],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: true,
  };
}
