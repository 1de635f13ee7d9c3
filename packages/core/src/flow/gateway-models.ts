import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ModelCatalog } from '../models/create-model-catalog.js';
import type { ModelProvider } from './model-provider.js';
import type { ModelSettings } from './pipeline-definition.js';

/**
 * The part of the model gateway flow uses: `createGateway()` satisfies it as is. Kept this small so
 * flow depends on the gateway's shape, not its implementation.
 */
export interface GatewayLike {
  chatModel(model: string, options: { settings?: Readonly<Record<string, unknown>> }): BaseChatModel;
  /** The models a call to `model` tries, in order, `model` first. */
  chainFor(model: string): string[];
  /** The gateway's resolved options; flow reads its `catalog` (prices, thinking controls, limits). */
  readonly options?: { readonly catalog?: ModelCatalog };
}

/** Flow's model settings as `ChatTokenOff` settings (`thinkingConfig` with the wire's names). */
export function chatModelSettings(settings: ModelSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.temperature !== undefined) out.temperature = settings.temperature;
  if (settings.maxOutputTokens !== undefined) out.maxOutputTokens = settings.maxOutputTokens;
  const thinking = settings.thinking;
  if (thinking?.level !== undefined) out.thinkingConfig = { thinkingLevel: thinking.level.toUpperCase() };
  else if (thinking?.budgetTokens !== undefined)
    out.thinkingConfig = { thinkingBudget: thinking.budgetTokens };
  return out;
}

/**
 * The model provider of each gateway, built once: it keeps the routed models it handed out, by model and
 * settings. A routed model holds no state of its own (the gateway holds lanes, breakers and meter), and
 * building one per step call (a LangChain model, its chain and settings checked again), or the provider
 * per run, was a measurable part of a step's cost.
 */
const providers = new WeakMap<GatewayLike, ModelProvider>();

/**
 * A {@link ModelProvider} over the model gateway: routed models (lanes, retries, fallback, cost) with the
 * step's settings, and the gateway's own fallback chain for structured-output escalation.
 *
 * @example
 * await flow.run(input, { models: gatewayModels(createGateway()) }); // or simply { gateway }
 */
export function gatewayModels(gateway: GatewayLike): ModelProvider {
  let provider = providers.get(gateway);
  if (!provider) {
    // Frozen: every run over this gateway shares it.
    provider = Object.freeze(newProvider(gateway));
    providers.set(gateway, provider);
  }
  return provider;
}

function newProvider(gateway: GatewayLike): ModelProvider {
  const models = new Map<string, BaseChatModel>();
  return {
    chatModel: (model, settings) => {
      const chatSettings = chatModelSettings(settings);
      // chatModelSettings writes its keys in one order, so equal settings give equal JSON.
      const key = `${model}\n${JSON.stringify(chatSettings)}`;
      let chat = models.get(key);
      if (!chat) {
        chat = gateway.chatModel(model, { settings: chatSettings });
        models.set(key, chat);
      }
      return chat;
    },
    fallbackChain: (model) => gateway.chainFor(model).slice(1),
    ...(gateway.options?.catalog ? { catalog: gateway.options.catalog } : {}),
  };
}
