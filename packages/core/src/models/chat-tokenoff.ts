/*
 * Design: ChatTokenOff subclasses `ChatGoogleGenerativeAI` and keeps everything LangChain does well (message,
 * tool and schema conversion, `bindTools`, `withStructuredOutput`, callbacks, tracing, thought-signature
 * round-trips), but owns the transport and the response mapping. The stock path goes through
 * `@google/generative-ai`, whose gaps (gemini-wire.md §7-§8) cannot be fixed from a subclass: `invoke`
 * ignores signal/timeout, mid-stream `{"error":...}` events and cut streams pass as success, its stream tee
 * leaks an unhandled rejection, error headers and RetryInfo are dropped, thinking tokens are not counted,
 * stream usage is double-counted, and `modelVersion`/`responseId` are lost. So `_generate` and
 * `_streamResponseChunks` take the request LangChain builds (`_buildGenerateContentRequest`, private in the
 * typings but stable in 2.3.2, checked at construction) and send it with plain `fetch`
 * (tokenoff-transport.ts), parse SSE ourselves (parse-sse-events.ts), and map answers ourselves
 * (map-gemini-response.ts, gemini-stream-mapper.ts). Every failure is one classified TokenOffError.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { convertChunksToEvents } from '@langchain/core/language_models/compat';
import type { ChatModelStreamEvent } from '@langchain/core/language_models/event';
import {
  type AIMessageChunk,
  type BaseMessage,
  mergeUsageMetadata,
  type UsageMetadata,
} from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import { IterableReadableStream } from '@langchain/core/utils/stream';
import { ChatGoogleGenerativeAI, type GoogleGenerativeAIChatInput } from '@langchain/google-genai';

/** LangChain's type for `thinkingConfig` (it lacks `MINIMAL`, which the wire takes). */
type GoogleGenerativeAIThinkingConfig = GoogleGenerativeAIChatInput['thinkingConfig'];

import { aggregateChatStream } from './aggregate-chat-stream.js';
import { createAttemptSignal } from './attempt-signal.js';
import type { ChatTokenOffCallOptions, ChatTokenOffInput } from './chat-tokenoff-input.js';
import { checkChatTokenOffInput } from './check-chat-tokenoff-input.js';
import type { TruncatedAnswers } from './check-finish.js';
import { classifyError } from './classify-error.js';
import { GeminiStreamMapper } from './gemini-stream-mapper.js';
import { mapGeminiResponse } from './map-gemini-response.js';
import { resolveTokenOffConfig } from './resolve-tokenoff-config.js';
import { retryTokenOffErrors, stopRetrying } from './retry-tokenoff-errors.js';
import { TokenOffError, withErrorUsage } from './tokenoff-error.js';
import {
  postGenerateContent,
  readGeminiJson,
  readGeminiStream,
  type TokenOffEndpoint,
} from './tokenoff-transport.js';

type GenerateContentRequest = { generationConfig?: Record<string, unknown> } & Record<string, unknown>;
interface RequestBuilder {
  _buildGenerateContentRequest(messages: BaseMessage[], options: unknown): GenerateContentRequest;
}

const defaultAttemptTimeoutMs = 600_000;

/** A LangChain chat model for one TokenOff model. */
export class ChatTokenOff extends ChatGoogleGenerativeAI {
  static override lc_name(): string {
    return 'ChatTokenOff';
  }

  override get lc_secrets(): { [key: string]: string } {
    return { apiKey: 'TOKENOFF_API_KEY' };
  }

  /** Limit for one HTTP attempt in ms (0: none). */
  readonly attemptTimeoutMs: number;
  readonly truncatedAnswers: TruncatedAnswers;
  readonly #endpoint: TokenOffEndpoint;
  #cachedContent: string | undefined;

  constructor(fields: ChatTokenOffInput);
  constructor(model: string, fields?: Omit<ChatTokenOffInput, 'model'>);
  constructor(modelOrFields: string | ChatTokenOffInput, maybeFields?: Omit<ChatTokenOffInput, 'model'>) {
    const fields: ChatTokenOffInput =
      typeof modelOrFields === 'string' ? { ...maybeFields, model: modelOrFields } : modelOrFields;
    const model = checkChatTokenOffInput(fields);
    const config = resolveTokenOffConfig({
      apiKey: fields.apiKey,
      baseUrl: fields.baseUrl,
      model,
      env: fields.env,
    });
    const {
      thinkingConfig,
      fetch: fetchImplementation,
      env: _env,
      attemptTimeoutMs,
      truncatedAnswers,
      quotaExhaustedAfterMs,
      ...langchainFields
    } = fields;
    super({
      ...langchainFields,
      model,
      ...(thinkingConfig ? { thinkingConfig: thinkingConfig as GoogleGenerativeAIThinkingConfig } : {}),
      apiKey: config.apiKey,
      baseUrl: config.baseUrl,
      maxRetries: fields.maxRetries ?? 2,
      onFailedAttempt: fields.onFailedAttempt ?? retryTokenOffErrors,
    });
    if (typeof (this as unknown as Partial<RequestBuilder>)._buildGenerateContentRequest !== 'function') {
      throw new TokenOffError(
        'ChatTokenOff needs ChatGoogleGenerativeAI._buildGenerateContentRequest, which this @langchain/google-genai version lacks. Install @langchain/google-genai 2.3.x.',
        { kind: 'invalid_request', model },
      );
    }
    this.attemptTimeoutMs = attemptTimeoutMs ?? defaultAttemptTimeoutMs;
    this.truncatedAnswers = truncatedAnswers ?? 'return';
    this.#endpoint = {
      baseUrl: config.baseUrl,
      apiKey: config.apiKey,
      model,
      ...(fields.apiVersion ? { apiVersion: fields.apiVersion } : {}),
      ...(fields.customHeaders ? { headers: fields.customHeaders } : {}),
      ...(fetchImplementation ? { fetch: fetchImplementation } : {}),
      classify: {
        model,
        keyVariable: config.keyVariable,
        secrets: [config.apiKey],
        ...(quotaExhaustedAfterMs !== undefined ? { quotaExhaustedAfterMs } : {}),
      },
    };
    // Keep the key out of util.inspect and enumeration of the instance (toJSON maps it to a secret id).
    for (const key of ['apiKey', 'client', 'lc_kwargs'] as const) {
      Object.defineProperty(this, key, {
        value: this[key],
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }

  override _llmType(): string {
    return 'tokenoff';
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
    const result = await this.#callWithRetries(options.signal, async (signal, dispose) => {
      try {
        const response = await postGenerateContent(this.#endpoint, request, { stream: false, signal });
        const answer = await readGeminiJson(response, this.#endpoint, signal);
        return mapGeminiResponse(answer, {
          model: this.model,
          truncatedAnswers: this.truncatedAnswers,
          maxOutputTokens: this.maxOutputTokens,
        });
      } finally {
        dispose();
      }
    });
    await runManager?.handleLLMNewToken(result.generations[0]?.text ?? '');
    return result;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.#throwIfAborted(options.signal);
    const request = this.#buildRequest(messages, options);
    const opened = await this.#callWithRetries(options.signal, async (signal, dispose) => {
      const response = await postGenerateContent(this.#endpoint, request, { stream: true, signal });
      return { response, signal, dispose };
    });
    const mapper = new GeminiStreamMapper({
      model: this.model,
      truncatedAnswers: this.truncatedAnswers,
      maxOutputTokens: this.maxOutputTokens,
      includeUsage: this.streamUsage !== false && options.streamUsage !== false,
    });
    try {
      for await (const answer of readGeminiStream(opened.response, this.#endpoint, opened.signal)) {
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
      opened.dispose();
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
    let inner: IterableReadableStream<AIMessageChunk>;
    try {
      inner = await super.stream(input, options);
    } catch (error) {
      throw classifyError(error, context);
    }
    return IterableReadableStream.fromAsyncGenerator(
      (async function* () {
        try {
          yield* inner;
        } catch (error) {
          throw classifyError(error, context);
        }
      })(),
    );
  }

  /**
   * LangChain's content-block event stream, bridged from {@link _streamResponseChunks} (not the SDK). The
   * stock bridge sums only the three usage totals; the usage events here carry the full running usage
   * (reasoning and cache-read details included).
   */
  override async *_streamChatModelEvents(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatModelStreamEvent> {
    let usage: UsageMetadata | undefined;
    const chunks = this._streamResponseChunks(messages, options, runManager);
    const counted = (async function* () {
      for await (const chunk of chunks) {
        const delta = (chunk.message as AIMessageChunk).usage_metadata;
        if (delta) usage = mergeUsageMetadata(usage, delta);
        yield chunk;
      }
    })();
    for await (const event of convertChunksToEvents(counted, { signal: options.signal })) {
      if ((event.event === 'usage' || event.event === 'message-finish') && usage && 'usage' in event) {
        yield { ...event, usage: { ...usage } } as ChatModelStreamEvent;
      } else {
        yield event;
      }
    }
  }

  /**
   * Sends later requests against a cached context (`cachedContents/...`), as the stock model does; the
   * other arguments belong to the SDK client this class does not use.
   */
  override useCachedContent(cachedContent: { name?: string }): void {
    if (!cachedContent.name) {
      throw new TokenOffError(
        'useCachedContent needs a cached content with a `name` (cachedContents/...), got none. Pass the object the caching API returned.',
        { kind: 'invalid_request', model: this.model },
      );
    }
    this.#cachedContent = cachedContent.name;
  }

  /**
   * The request LangChain builds, completed with what the stock SDK client would add from the
   * constructor (`safetySettings`, `cachedContent`) and the `stop` call option the stock model ignores.
   */
  #buildRequest(messages: BaseMessage[], options: this['ParsedCallOptions']): GenerateContentRequest {
    const request = (this as unknown as RequestBuilder)._buildGenerateContentRequest(messages, options);
    if (this.safetySettings?.length) request.safetySettings = this.safetySettings;
    if (this.#cachedContent) request.cachedContent = this.#cachedContent;
    if (options.stop?.length) {
      request.generationConfig = { ...request.generationConfig, stopSequences: options.stop };
    }
    return request;
  }

  /**
   * Runs one attempt per try through LangChain's AsyncCaller (retries per `retryTokenOffErrors`), each with
   * its own attempt timeout, and classifies whatever escapes (a caller abort included).
   */
  async #callWithRetries<T>(
    callerSignal: AbortSignal | undefined,
    attempt: (signal: AbortSignal | undefined, dispose: () => void) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.caller.callWithOptions({ signal: callerSignal }, async () => {
        const attemptSignal = createAttemptSignal(callerSignal, this.attemptTimeoutMs);
        try {
          return await attempt(attemptSignal.signal, attemptSignal.dispose);
        } catch (error) {
          attemptSignal.dispose();
          const classified = classifyError(error, {
            ...this.#endpoint.classify,
            signal: attemptSignal.signal,
          });
          throw callerSignal?.aborted ? stopRetrying(classified) : classified;
        }
      });
    } catch (error) {
      throw classifyError(error, { ...this.#endpoint.classify, signal: callerSignal });
    }
  }

  #throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw classifyError(signal.reason, { ...this.#endpoint.classify, signal });
  }
}
