/*
 * Design: ChatTokenOff is a LangChain `BaseChatModel` that owns its whole path to TokenOff: it turns
 * messages and tools into a Gemini GenerateContentRequest itself (to-gemini-contents.ts,
 * to-gemini-tools.ts), sends it with undici (or the `fetch` option) under size caps and quiet-time limits
 * (tokenoff-transport.ts), parses SSE itself (parse-sse-events.ts) and maps answers itself
 * (map-gemini-response.ts, gemini-stream-mapper.ts). Nothing goes through `@google/generative-ai` or
 * `@langchain/google-genai`, whose gaps (gemini-wire.md §7-§8) cannot be fixed from outside, and no private
 * method of another package is called, so `@langchain/core` can be a peer dependency with a range
 * (check-langchain-core-version.ts). Every failure, a request that cannot be built included, is one
 * classified TokenOffError.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelParams,
  type BindToolsInput,
  type LangSmithParams,
} from '@langchain/core/language_models/chat_models';
import type { ChatModelStreamEvent } from '@langchain/core/language_models/event';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import type { IterableReadableStream } from '@langchain/core/utils/stream';
import { type AttemptSignal, createAttemptSignal, hasAttemptTimer } from '../async/attempt-signal.js';
import { aggregateChatStream } from './aggregate-chat-stream.js';
import { watchdogSystemClock } from './answer-watchdog.js';
import {
  buildGenerateContentRequest,
  type GenerateContentRequest,
  generationConfigOf,
} from './build-generate-content-request.js';
import type {
  ChatTokenOffCallOptions,
  ChatTokenOffInput,
  TokenOffSafetySetting,
  TokenOffThinkingConfig,
} from './chat-tokenoff-input.js';
import { checkChatTokenOffInput } from './check-chat-tokenoff-input.js';
import type { TruncatedAnswers } from './check-finish.js';
import { checkLangChainCoreVersion } from './check-langchain-core-version.js';
import { chunkEventsWithUsage } from './chunk-events-with-usage.js';
import { classifiedStream } from './classified-stream.js';
import { classifyError } from './classify-error.js';
import { GeminiStreamMapper } from './gemini-stream-mapper.js';
import { type MapResponseOptions, mapGeminiResponse } from './map-gemini-response.js';
import { resolveTokenOffConfig } from './resolve-tokenoff-config.js';
import { retryTokenOffErrors, stopRetrying } from './retry-tokenoff-errors.js';
import { withGeminiStructuredOutput } from './structured-output.js';
import { toGeminiTools } from './to-gemini-tools.js';
import { TokenOffError, withErrorUsage } from './tokenoff-error.js';
import {
  type OpenedAnswer,
  postGenerateContent,
  readGeminiJson,
  readGeminiStream,
  type TokenOffEndpoint,
} from './tokenoff-transport.js';

const defaults = {
  attemptTimeoutMs: 600_000,
  firstByteTimeoutMs: 120_000,
  idleTimeoutMs: 30_000,
  maxAnswerBytes: 32 * 1024 * 1024,
  maxErrorBodyBytes: 64 * 1024,
};

/**
 * Options that never go into `lc_kwargs` (what LangChain serializes and traces): the key, where it may be
 * read from (`env`), headers that may carry a proxy's credentials, and functions.
 */
const unserialized = ['apiKey', 'env', 'customHeaders', 'fetch', 'clock', 'onFailedAttempt'] as const;

/** A LangChain chat model for one TokenOff model. */
export class ChatTokenOff extends BaseChatModel<ChatTokenOffCallOptions, AIMessageChunk> {
  static override lc_name(): string {
    return 'ChatTokenOff';
  }

  override lc_serializable = true;

  override lc_namespace = ['tokenflow', 'chat_models', 'tokenoff'];

  /** `toJSON` writes the key as a secret reference to `TOKENOFF_API_KEY`, never its value. */
  override get lc_secrets(): { [key: string]: string } {
    return { apiKey: 'TOKENOFF_API_KEY' };
  }

  readonly model: string;
  /** The TokenOff base URL calls go to (no trailing slash). */
  readonly baseUrl: string;
  readonly temperature: number | undefined;
  readonly maxOutputTokens: number | undefined;
  readonly topP: number | undefined;
  readonly topK: number | undefined;
  readonly stopSequences: readonly string[];
  readonly safetySettings: readonly TokenOffSafetySetting[] | undefined;
  readonly json: boolean;
  readonly streaming: boolean;
  readonly streamUsage: boolean;
  readonly convertSystemMessageToHumanContent: boolean;
  readonly thinkingConfig: TokenOffThinkingConfig | undefined;
  /** Limit for one HTTP attempt in ms (0: none). */
  readonly attemptTimeoutMs: number;
  /** Longest wait for the response headers in ms (0: none). */
  readonly firstByteTimeoutMs: number;
  /** Longest quiet gap inside an answer's body in ms (0: none). */
  readonly idleTimeoutMs: number;
  readonly truncatedAnswers: TruncatedAnswers;
  /** The key lives here only: private, so neither enumeration, `util.inspect` nor `toJSON` can reach it. */
  readonly #endpoint: TokenOffEndpoint;
  /** No retries and no concurrency cap: attempts skip LangChain's AsyncCaller. */
  readonly #direct: boolean;
  #cachedContent: string | undefined;
  #mapResponseOptions: MapResponseOptions | undefined;

  constructor(fields: ChatTokenOffInput);
  constructor(model: string, fields?: Omit<ChatTokenOffInput, 'model'>);
  constructor(modelOrFields: string | ChatTokenOffInput, maybeFields?: Omit<ChatTokenOffInput, 'model'>) {
    const fields: ChatTokenOffInput =
      typeof modelOrFields === 'string' ? { ...maybeFields, model: modelOrFields } : modelOrFields;
    checkLangChainCoreVersion();
    const model = checkChatTokenOffInput(fields);
    const config = resolveTokenOffConfig({
      apiKey: fields.apiKey,
      baseUrl: fields.baseUrl,
      model,
      env: fields.env,
    });
    const serialized: Record<string, unknown> = { ...fields, model, baseUrl: config.baseUrl };
    for (const key of unserialized) delete serialized[key];
    super({
      // A stand-in the `lc_secrets` mechanism replaces with a secret reference; the key is never here.
      ...(serialized as BaseChatModelParams),
      apiKey: 'TOKENOFF_API_KEY',
      maxRetries: fields.maxRetries ?? 2,
      onFailedAttempt: fields.onFailedAttempt ?? retryTokenOffErrors,
    } as BaseChatModelParams);
    this.model = model;
    this.#direct =
      (fields.maxRetries ?? 2) === 0 &&
      (fields.maxConcurrency === undefined || fields.maxConcurrency === Number.POSITIVE_INFINITY);
    this.baseUrl = config.baseUrl;
    this.temperature = fields.temperature;
    this.maxOutputTokens = fields.maxOutputTokens ?? fields.maxTokens;
    this.topP = fields.topP;
    this.topK = fields.topK;
    this.stopSequences = [...(fields.stopSequences ?? []), ...(fields.stop ?? [])];
    this.safetySettings = fields.safetySettings;
    this.json = fields.json ?? false;
    this.streaming = fields.streaming ?? false;
    this.streamUsage = fields.streamUsage ?? true;
    this.convertSystemMessageToHumanContent = fields.convertSystemMessageToHumanContent ?? false;
    this.thinkingConfig = fields.thinkingConfig;
    this.attemptTimeoutMs = fields.attemptTimeoutMs ?? defaults.attemptTimeoutMs;
    this.firstByteTimeoutMs = fields.firstByteTimeoutMs ?? defaults.firstByteTimeoutMs;
    this.idleTimeoutMs = fields.idleTimeoutMs ?? defaults.idleTimeoutMs;
    this.truncatedAnswers = fields.truncatedAnswers ?? 'return';
    this.#endpoint = {
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      model,
      ...(fields.apiVersion ? { apiVersion: fields.apiVersion } : {}),
      ...(fields.customHeaders ? { headers: fields.customHeaders } : {}),
      ...(fields.fetch ? { fetch: fields.fetch } : {}),
      classify: {
        model,
        keyVariable: config.keyVariable,
        secrets: [config.apiKey],
        ...(fields.quotaExhaustedAfterMs !== undefined
          ? { quotaExhaustedAfterMs: fields.quotaExhaustedAfterMs }
          : {}),
      },
      limits: {
        maxAnswerBytes: fields.limits?.maxAnswerBytes ?? defaults.maxAnswerBytes,
        maxErrorBodyBytes: fields.limits?.maxErrorBodyBytes ?? defaults.maxErrorBodyBytes,
      },
      timeouts: { firstByteMs: this.firstByteTimeoutMs, idleMs: this.idleTimeoutMs },
      clock: fields.clock ?? watchdogSystemClock,
    };
  }

  override _llmType(): string {
    return 'tokenoff';
  }

  override getLsParams(options: this['ParsedCallOptions']): LangSmithParams {
    return {
      ls_provider: 'tokenoff',
      ls_model_name: this.model,
      ls_model_type: 'chat',
      ls_temperature: this.temperature,
      ls_max_tokens: this.maxOutputTokens,
      ls_stop: options.stop,
    };
  }

  /** The parameters of a call, for tracing and LangChain's cache key. Never throws: bad tools fail the call. */
  override invocationParams(options?: this['ParsedCallOptions']): Record<string, unknown> {
    return {
      model: this.model,
      generationConfig: generationConfigOf(this, options),
      ...(options?.tools?.length ? { tools: options.tools.length } : {}),
    };
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<ChatTokenOffCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatTokenOffCallOptions> {
    let converted: BindToolsInput[];
    try {
      converted = toGeminiTools(tools);
    } catch (error) {
      throw this.toTokenOffError(error);
    }
    return this.withConfig({ tools: converted, ...kwargs } as Partial<ChatTokenOffCallOptions>);
  }

  /**
   * Classifies anything thrown around a call to this model as {@link classifyError} does, with this
   * model's id, key variable and key redaction (the key itself stays private).
   */
  toTokenOffError(error: unknown, signal?: AbortSignal): TokenOffError {
    return classifyError(error, { ...this.#endpoint.classify, ...(signal ? { signal } : {}) });
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.#throwIfAborted(options.signal);
    if (this.streaming)
      return aggregateChatStream(this._streamResponseChunks(messages, options, runManager), this.model);
    const request = this.#buildRequest(messages, options);
    const signal = options.signal;
    // Under the gateway (no retries, no concurrency cap) the attempt runs directly: no closure per call.
    const result = this.#direct
      ? await this.#unaryAttempt(signal, request)
      : await this.#callWithRetries(signal, () => this.#unaryAttempt(signal, request));
    if (runManager) await runManager.handleLLMNewToken(result.generations[0]?.text ?? '');
    return result;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.#throwIfAborted(options.signal);
    const request = this.#buildRequest(messages, options);
    const signal = options.signal;
    const opened = this.#direct
      ? await this.#streamAttempt(signal, request)
      : await this.#callWithRetries(signal, () => this.#streamAttempt(signal, request));
    const mapper = new GeminiStreamMapper({
      model: this.model,
      truncatedAnswers: this.truncatedAnswers,
      maxOutputTokens: this.maxOutputTokens,
      includeUsage: this.streamUsage !== false && options.streamUsage !== false,
    });
    try {
      for await (const answer of readGeminiStream(opened, this.#endpoint)) {
        const chunk = mapper.map(answer);
        yield chunk;
        await runManager?.handleLLMNewToken(chunk.text, undefined, undefined, undefined, undefined, {
          chunk,
        });
      }
      mapper.end();
    } catch (error) {
      throw withErrorUsage(
        classifyError(error, { ...this.#endpoint.classify, signal: opened.signal }),
        mapper.usage,
      );
    } finally {
      opened.close();
    }
  }

  /**
   * LangChain's `invoke`, with failures classified: what LangChain itself throws before or around the
   * call (a message it cannot coerce, its abort error on a streaming invoke) is a TokenOffError too.
   */
  override async invoke(
    input: BaseLanguageModelInput,
    options?: Partial<ChatTokenOffCallOptions>,
  ): Promise<AIMessageChunk> {
    try {
      return await super.invoke(input, options);
    } catch (error) {
      throw classifyError(error, {
        ...this.#endpoint.classify,
        ...(options?.signal ? { signal: options.signal } : {}),
      });
    }
  }

  /**
   * LangChain's `stream`, with failures classified: LangChain races each chunk against the call's signal
   * and would surface a fired timeout or abort as a bare DOMException; here it is a TokenOffError
   * (`timeout` or `aborted`) like every other failure.
   */
  override async stream(
    input: BaseLanguageModelInput,
    options?: Partial<ChatTokenOffCallOptions>,
  ): Promise<IterableReadableStream<AIMessageChunk>> {
    const context = { ...this.#endpoint.classify, ...(options?.signal ? { signal: options.signal } : {}) };
    return classifiedStream(
      () => super.stream(input, options),
      (error) => classifyError(error, context),
    );
  }

  /**
   * LangChain's content-block event stream, bridged from {@link _streamResponseChunks} with the full
   * running usage (see chunk-events-with-usage.ts).
   */
  override async *_streamChatModelEvents(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatModelStreamEvent> {
    yield* chunkEventsWithUsage(this._streamResponseChunks(messages, options, runManager), options.signal);
  }

  /** Sends later requests against a cached context (`cachedContents/...`) made with Gemini's caching API. */
  useCachedContent(cachedContent: { name?: string }): void {
    if (!cachedContent.name) {
      throw new TokenOffError(
        'useCachedContent needs a cached content with a `name` (cachedContents/...), got none. Pass the object the caching API returned.',
        { kind: 'invalid_request', model: this.model },
      );
    }
    this.#cachedContent = cachedContent.name;
  }

  /**
   * The GenerateContentRequest for a call. Anything LangChain hands over that Gemini cannot take (an
   * unknown content block, a tool result naming no tool, ...) fails here as `invalid_request`, before any
   * request, on every path (`invoke`, streaming `invoke`, `stream`, the gateway).
   */
  #buildRequest(messages: BaseMessage[], options: this['ParsedCallOptions']): GenerateContentRequest {
    try {
      return buildGenerateContentRequest(this, messages, options, this.#cachedContent);
    } catch (error) {
      throw this.toTokenOffError(error);
    }
  }

  /**
   * Runs `attempt` once per try through LangChain's AsyncCaller (retries per `retryTokenOffErrors`) and
   * classifies whatever escapes (a caller abort included). With no retries and no concurrency cap (the
   * gateway's models) callers run the attempt directly instead: the AsyncCaller (a p-queue, p-retry and an
   * abort race per call) adds nothing the attempt does not already do, and an attempt only ever throws
   * classified errors.
   */
  async #callWithRetries<T>(callerSignal: AbortSignal | undefined, attempt: () => Promise<T>): Promise<T> {
    try {
      return await this.caller.callWithOptions({ signal: callerSignal }, attempt);
    } catch (error) {
      throw classifyError(error, { ...this.#endpoint.classify, signal: callerSignal });
    }
  }

  /** One attempt of a unary call, under its own attempt timeout: the answer read, mapped and closed. */
  async #unaryAttempt(
    callerSignal: AbortSignal | undefined,
    request: GenerateContentRequest,
  ): Promise<ChatResult> {
    const attempt = this.#attemptSignalFor(callerSignal);
    const signal = attempt === undefined ? callerSignal : attempt.signal;
    let opened: OpenedAnswer | undefined;
    let result: ChatResult;
    try {
      opened = await postGenerateContent(this.#endpoint, request, { stream: false, signal });
      try {
        result = mapGeminiResponse(await readGeminiJson(opened, this.#endpoint), this.#mapOptions());
      } finally {
        opened.close();
      }
    } catch (error) {
      throw this.#attemptFailure(error, callerSignal, opened?.signal ?? signal, attempt);
    }
    attempt?.dispose();
    return result;
  }

  /** One attempt of a stream: the answer opened; its attempt timeout ends when the stream is closed. */
  async #streamAttempt(
    callerSignal: AbortSignal | undefined,
    request: GenerateContentRequest,
  ): Promise<OpenedAnswer> {
    const attempt = this.#attemptSignalFor(callerSignal);
    const signal = attempt === undefined ? callerSignal : attempt.signal;
    let opened: OpenedAnswer;
    try {
      opened = await postGenerateContent(this.#endpoint, request, { stream: true, signal });
    } catch (error) {
      throw this.#attemptFailure(error, callerSignal, signal, attempt);
    }
    if (attempt !== undefined) {
      // The stream is read after this returns: the attempt timer ends with the stream.
      const close = opened.close.bind(opened);
      opened.close = () => {
        close();
        attempt.dispose();
      };
    }
    return opened;
  }

  /**
   * The signal an attempt runs under: none of its own (undefined) when the caller's signal already is the
   * attempt's (there is no attempt timeout, as under the gateway, whose attempt signal carries its own).
   */
  #attemptSignalFor(callerSignal: AbortSignal | undefined): AttemptSignal | undefined {
    if (callerSignal !== undefined && !hasAttemptTimer(this.attemptTimeoutMs)) return undefined;
    return createAttemptSignal(callerSignal, this.attemptTimeoutMs);
  }

  /** A failed attempt, released and classified; a caller's abort is not retried. */
  #attemptFailure(
    error: unknown,
    callerSignal: AbortSignal | undefined,
    signal: AbortSignal | undefined,
    attempt: AttemptSignal | undefined,
  ): TokenOffError {
    attempt?.dispose();
    const classified = classifyError(error, { ...this.#endpoint.classify, signal });
    return callerSignal?.aborted ? stopRetrying(classified) : classified;
  }

  /** What mapGeminiResponse reads of this model: built once, as the fields it copies never change. */
  #mapOptions(): MapResponseOptions {
    this.#mapResponseOptions ??= {
      model: this.model,
      truncatedAnswers: this.truncatedAnswers,
      maxOutputTokens: this.maxOutputTokens,
    };
    return this.#mapResponseOptions;
  }

  #throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw classifyError(signal.reason, { ...this.#endpoint.classify, signal });
  }
}

/*
 * Structured output (`jsonSchema`, the default, or `functionCalling`), assigned rather than declared so the
 * class keeps LangChain's overloaded signature. It only calls `bindTools` and `withConfig`, which is why the
 * gateway's routed model can borrow it.
 */
ChatTokenOff.prototype.withStructuredOutput = function withStructuredOutput(
  this: ChatTokenOff,
  schema: unknown,
  config?: Record<string, unknown>,
) {
  return withGeminiStructuredOutput(this as never, schema, config ?? {});
} as unknown as ChatTokenOff['withStructuredOutput'];
