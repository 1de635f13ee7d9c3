import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { Runnable, RunnableConfig } from '@langchain/core/runnables';
import type { IterableReadableStream } from '@langchain/core/utils/stream';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { ChatTokenOff } from '../models/chat-tokenoff.js';
import { classifiedStream } from '../models/classified-stream.js';
import { classifyError } from '../models/classify-error.js';
import type { ClassifyErrorContext } from '../models/classify-http-error.js';
import { spreadInto } from '../models/spread-into.js';
import { toTokenUsage } from '../models/usage-metadata.js';
import {
  chatResultFromCache,
  chatResultToCache,
  chunkFromCache,
  chunksToCache,
  requestMaterial,
} from './chat-cache-codec.js';
import { estimateInputTokens } from './estimate-tokens.js';
import type { GatewayEventListener, ServedCall } from './gateway-events.js';
import type { GatewayCallRequest } from './gateway-requests.js';
import type { ModelGateway } from './model-gateway.js';
import { plainInvokeAnswer, runsWithoutCallbacks, unconfiguredCallOptions } from './plain-invoke.js';

/** Settings of a routed model; each concrete model of the chain is built with them. */
export interface RoutedChatModelOptions {
  /**
   * Settings for every concrete model (those of `ChatTokenOff`: `temperature`, `maxOutputTokens`,
   * `thinkingConfig`, `truncatedAnswers`, ...). Never a key or URL: the gateway supplies those.
   * @default {}
   */
  settings?: Readonly<Record<string, unknown>>;
  /**
   * The models to fall back to after this one, overriding the gateway's chain; `false` for none.
   * @default the gateway's chain for the model
   */
  fallback?: readonly string[] | false;
  /** LangChain fields (callbacks, tags, metadata...). */
  langchain?: BaseChatModelParams;
}

/** Call options of a routed model: those of `ChatTokenOff`, plus a per-call event listener. */
export interface RoutedChatModelCallOptions extends BaseChatModelCallOptions {
  /** Receives the events of this call only (retries, fallbacks...), besides the gateway's listeners. */
  onEvent?: GatewayEventListener;
  /** Tools, as `bindTools` stores them. */
  tools?: BindToolsInput[];
  /** Gemini `responseSchema`, as `withStructuredOutput` stores it. */
  responseSchema?: unknown;
  /** Function names the model may call (Gemini `allowedFunctionNames`). */
  allowedFunctionNames?: string[];
  streamUsage?: boolean;
}

/** The key under which a result's {@link ServedCall} sits in `response_metadata`. */
export const servedCallKey = 'tokenflow';
/** The key of the restart marker on the first chunk of a restarted stream. */
export const streamRestartKey = 'tokenflow_restart';

/**
 * A LangChain chat model that routes every call through a {@link ModelGateway}: lanes, retries, fallback,
 * breakers, meter, cache. Tools bound with `bindTools` and schemas from `withStructuredOutput` travel as
 * call options and reach whichever concrete model serves the call. Each result carries its
 * {@link ServedCall} on `response_metadata.tokenflow`.
 *
 * Streaming: a stream that fails before its first chunk is retried or falls back like any call, unseen.
 * One that fails after chunks were yielded starts the answer again (same model after a backoff, or the
 * next model); the gateway emits `stream-restart`, and the first chunk of the new answer carries
 * `response_metadata.tokenflow_restart = { count: 1, discardedChunks }`. A consumer that concatenates
 * chunks must drop what it had when it sees that marker; LangChain's own aggregation (invoke with a
 * streaming callback) does not, so the aggregate's `tokenflow_restart.count` tells how many restarts it
 * contains. The last chunk is empty and carries the ServedCall.
 */
export class RoutedChatModel extends BaseChatModel<RoutedChatModelCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'RoutedChatModel';
  }

  /** The model asked for (head of the chain). */
  readonly model: string;
  readonly gateway: ModelGateway;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly fallback: readonly string[] | false | undefined;

  constructor(gateway: ModelGateway, model: string, options: RoutedChatModelOptions = {}) {
    super(options.langchain ?? {});
    this.gateway = gateway;
    this.model = model;
    // A frozen copy: the gateway finds this model's concrete models by this object, so it must not change.
    this.settings = Object.freeze({ ...checkedSettings(options.settings ?? {}) });
    this.fallback = options.fallback;
    // Fail here, not mid-run: an unknown model id, a bad fallback list, a missing key or a bad setting.
    gateway.chainFor(model, this.fallback);
    gateway.concreteModel(model, this.settings);
  }

  override _llmType(): string {
    return 'tokenflow-routed';
  }

  /** LangSmith's standard parameters, as ChatTokenOff reports them: the model asked for and its settings. */
  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    return {
      ls_provider: 'tokenoff',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_temperature: number(this.settings.temperature),
      ls_max_tokens: number(this.settings.maxOutputTokens ?? this.settings.maxTokens),
      ls_stop: options.stop,
    };
  }

  /**
   * LangChain's `invoke`, with what LangChain throws before or around the gateway (a message it cannot
   * coerce, its abort error) classified as a TokenOffError like every gateway failure. A call with no
   * callbacks, tracing, LangChain cache or v1 output (see `runsWithoutCallbacks`) skips LangChain's generate
   * path and returns the same message, as LangChain would build it.
   */
  override async invoke(
    input: BaseLanguageModelInput,
    options?: Partial<RoutedChatModelCallOptions>,
  ): Promise<AIMessageChunk> {
    try {
      if (this.callbacks !== undefined || options?.callbacks !== undefined)
        return await super.invoke(input, options);
      // A call no callback manager would watch goes straight to `_generate`: LangChain's generate path
      // (callback configuration, tracing parameters, message conversion twice, two promise fan-outs) would
      // only cost CPU that nobody sees (BENCHMARKS.md section 4). Anything watched takes LangChain's path.
      // Options that carry no config (nor does an enclosing runnable) are copied as LangChain would copy
      // them, without the config LangChain would build and nobody reads (see unconfiguredCallOptions).
      const unconfigured = unconfiguredCallOptions(options);
      const [config, callOptions] = unconfigured
        ? [noConfig, unconfigured]
        : this._separateRunnableConfigFromCallOptionsCompat(options);
      if (!runsWithoutCallbacks(this, config, callOptions.outputVersion))
        return await super.invoke(input, options);
      const messages = BaseChatModel._convertInputToPromptValue(input).toChatMessages();
      // LangChain's generate passes `{ ...callOptions, promptIndex: 0 }`: `callOptions` is the copy of the
      // options LangChain just made for this call, so it takes the index itself, without a second copy.
      const generateOptions = callOptions as this['ParsedCallOptions'] & { promptIndex?: number };
      generateOptions.promptIndex = 0;
      if (this._generate !== RoutedChatModel.prototype._generate)
        return plainInvokeAnswer(await this._generate(messages, generateOptions)) as AIMessageChunk;
      // What `_generate` does, but the ServedCall joins the metadata object plainInvokeAnswer builds anyway
      // (`_generate` copies each message's metadata to add it: a copy this path would throw away).
      const { value, served } = await this.gateway.call(this.#request(messages, generateOptions));
      const message = plainInvokeAnswer(value);
      (message.response_metadata as Record<string, unknown>)[servedCallKey] = served;
      return message as AIMessageChunk;
    } catch (error) {
      throw classifiedOutsideTokenflow(error, {
        model: this.model,
        ...(options?.signal ? { signal: options.signal } : {}),
      });
    }
  }

  /** LangChain's `stream`, with failures classified as in {@link invoke}. */
  override async stream(
    input: BaseLanguageModelInput,
    options?: Partial<RoutedChatModelCallOptions>,
  ): Promise<IterableReadableStream<AIMessageChunk>> {
    const context = { model: this.model, ...(options?.signal ? { signal: options.signal } : {}) };
    return classifiedStream(
      () => super.stream(input, options),
      (error) => classifiedOutsideTokenflow(error, context),
    );
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<RoutedChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, RoutedChatModelCallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<RoutedChatModelCallOptions>);
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const { value, served } = await this.gateway.call(this.#request(messages, options, runManager));
    for (const generation of value.generations) {
      // A new object (the model's own may be shared), filled without a spread's slow copy (see spread-into).
      const metadata: Record<string, unknown> = spreadInto({}, generation.message.response_metadata);
      metadata[servedCallKey] = served;
      generation.message.response_metadata = metadata;
    }
    return value;
  }

  /**
   * The gateway request of one call: each attempt runs the call's options (but `onEvent`, with the
   * attempt's signal) on the concrete model the gateway picks. Optional fields are set only when present,
   * and the cache binding only for a gateway with a cache (no other reads it), rather than spread in.
   */
  #request(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): GatewayCallRequest<ChatResult> {
    const request: GatewayCallRequest<ChatResult> = {
      model: this.model,
      estimatedInputTokens: estimateInputTokens(messages, [options.tools, options.responseSchema]),
      attempt: async ({ model, signal }) => {
        const concrete = this.gateway.concreteModel(model, this.settings);
        const result = await concrete._generate(messages, attemptOptions(options, signal), runManager);
        const message = result.generations[0]?.message as {
          usage_metadata?: Parameters<typeof toTokenUsage>[0];
        };
        return { value: result, usage: toTokenUsage(message?.usage_metadata) };
      },
    };
    if (options.signal) request.signal = options.signal;
    if (options.onEvent) request.onEvent = options.onEvent;
    if (this.fallback !== undefined) request.fallback = this.fallback;
    if (this.gateway.options.cache) {
      request.cache = {
        request: () => {
          const { onEvent: _onEvent, signal: _signal, ...callOptions } = options;
          return requestMaterial(this.model, this.settings, messages, callOptions);
        },
        encode: chatResultToCache,
        decode: chatResultFromCache,
      };
    }
    return request;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { onEvent, signal, ...callOptions } = options;
    const stream = this.gateway.stream<ChatGenerationChunk>({
      model: this.model,
      estimatedInputTokens: estimateInputTokens(messages, [callOptions.tools, callOptions.responseSchema]),
      ...(signal ? { signal } : {}),
      ...(onEvent ? { onEvent } : {}),
      ...(this.fallback === undefined ? {} : { fallback: this.fallback }),
      cache: {
        request: () => requestMaterial(this.model, this.settings, messages, callOptions),
        encode: chunksToCache,
        decode: (data) => [chunkFromCache(data)],
      },
      attempt: ({ model, signal: attemptSignal }) =>
        this.gateway
          .concreteModel(model, this.settings)
          ._streamResponseChunks(messages, { ...callOptions, signal: attemptSignal }, runManager),
      usageOf: (chunk) =>
        toTokenUsage((chunk.message as AIMessageChunk).usage_metadata as Parameters<typeof toTokenUsage>[0]),
    });
    for await (const item of stream) {
      if (item.type === 'chunk') {
        if (item.restart) {
          item.chunk.message.response_metadata = {
            ...item.chunk.message.response_metadata,
            [streamRestartKey]: { count: 1, discardedChunks: item.restart.discardedChunks },
          };
        }
        yield item.chunk;
      } else {
        yield servedChunk(item.served);
      }
    }
  }
}

/**
 * `{ ...callOptions, signal }`, `callOptions` being a call's options without `onEvent` and `signal`: one
 * copy, without the rest's slow path, when there is no `onEvent` to leave out (the call's `signal` is
 * overwritten anyway).
 */
function attemptOptions<T extends { onEvent?: unknown; signal?: AbortSignal }>(
  options: T,
  signal: AbortSignal,
): Omit<T, 'onEvent'> {
  if (Object.hasOwn(options, 'onEvent')) {
    const { onEvent: _onEvent, signal: _signal, ...callOptions } = options;
    (callOptions as { signal?: AbortSignal }).signal = signal;
    return callOptions as unknown as Omit<T, 'onEvent'>;
  }
  const copy: { signal?: AbortSignal } = { ...options };
  copy.signal = signal;
  return copy as Omit<T, 'onEvent'>;
}

/** The config of a call that has none (see unconfiguredCallOptions): what runsWithoutCallbacks reads of it. */
const noConfig: RunnableConfig = Object.freeze({});

const gatewayOwned = ['model', 'apiKey', 'baseUrl', 'maxRetries', 'fetch', 'env'];

function checkedSettings(settings: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const owned = gatewayOwned.filter((key) => key in settings);
  if (owned.length > 0) {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`settings\` of gateway.chatModel() to hold model settings only, got ${owned.map((key) => `\`${key}\``).join(', ')}. ` +
        'The gateway owns the key, URL and retries: pass apiKey/baseUrl to createGateway(), and the model as the first argument.',
    );
  }
  return settings;
}

function servedChunk(served: ServedCall): ChatGenerationChunk {
  return new ChatGenerationChunk({
    text: '',
    message: new AIMessageChunk({ content: '', response_metadata: { [servedCallKey]: served } }),
  });
}

/*
 * Structured output: borrow ChatTokenOff's implementation, which only calls
 * `this.bindTools` and `this.withConfig`. Method `jsonSchema` (the default) binds a native `responseSchema`,
 * `functionCalling` a forced tool call; on this routed model both become call options, so whichever model
 * serves the call (a fallback included) receives them, and the same output parser reads its answer.
 */
RoutedChatModel.prototype.withStructuredOutput = ChatTokenOff.prototype
  .withStructuredOutput as unknown as RoutedChatModel['withStructuredOutput'];

/**
 * What LangChain throws (a message it cannot coerce, its abort error) becomes a TokenOffError; the
 * gateway's own errors (GatewayCallError, BudgetExceededError, a governor's RedisConnectionError, ...) are
 * already TokenflowErrors that name their cause and pass through unchanged.
 */
function classifiedOutsideTokenflow(error: unknown, context: ClassifyErrorContext): unknown {
  return error instanceof TokenflowError ? error : classifyError(error, context);
}
