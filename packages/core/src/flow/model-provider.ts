import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ModelCatalog } from '../models/create-model-catalog.js';
import { defaultModelCatalog } from '../models/model-catalog.js';
import type { ModelSettings } from './pipeline-definition.js';

/**
 * Where `llm` and `agent` steps get their chat models. The model gateway satisfies it (routed models
 * with lanes, retries and fallback); so does a plain function over any LangChain chat model, which is
 * how flow stays independent of the gateway.
 *
 * @example
 * const models: ModelProvider = { chatModel: (model, settings) => new ChatTokenOff({ model, ...chatModelSettings(settings) }) };
 * // with the gateway: gatewayModels(gateway), or simply run(input, { gateway })
 */
export interface ModelProvider {
  /**
   * A chat model for `model` with the given sampling and thinking settings. Called once per model call
   * (cheap: providers should return a configured view, not open connections).
   */
  chatModel(model: string, settings: ModelSettings): BaseChatModel;
  /**
   * The models after `model` in the fallback chain, used to escalate a structured answer that repairs
   * could not fix. Absent: the tiers below `model` in the same generation of the catalog.
   */
  fallbackChain?(model: string): readonly string[];
  /**
   * The catalog the provider's models are described and priced by: flow reads it for the cost of answers
   * that carry no gateway cost, for the thinking controls and output maximum of a model, and for the
   * escalation chain when `fallbackChain` is absent. `gatewayModels(gateway)` passes the gateway's.
   * @default the built-in catalog (`defaultModelCatalog`)
   */
  readonly catalog?: ModelCatalog;
}

/** The catalog flow uses for `models`: the provider's own, else the built-in one. */
export function catalogOf(models: ModelProvider | undefined): ModelCatalog {
  return models?.catalog ?? defaultModelCatalog;
}

const tierOrder = ['pro', 'flash', 'flash-lite'] as const;

/** The catalog's chain below `model` (`gemini-2.5-pro` -> `gemini-2.5-flash` -> `gemini-2.5-flash-lite`). */
export function catalogFallbackChain(model: string, catalog: ModelCatalog): string[] {
  const info = Object.hasOwn(catalog, model) ? catalog[model] : undefined;
  if (!info) return [];
  const rank = tierOrder.indexOf(info.tier);
  return Object.values(catalog)
    .filter((other) => other.generation === info.generation && tierOrder.indexOf(other.tier) > rank)
    .sort((a, b) => tierOrder.indexOf(a.tier) - tierOrder.indexOf(b.tier))
    .map((other) => other.id);
}
