import type {
  BaseChatModelCallOptions,
  BaseChatModelParams,
  BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import type { Clock } from '../async/clock.js';
import type { TruncatedAnswers } from './check-finish.js';

/** Gemini thinking controls, as sent in `generationConfig.thinkingConfig`. */
export interface TokenOffThinkingConfig {
  /** Return thought summaries as `thinking` content blocks. @default false */
  includeThoughts?: boolean;
  /**
   * Thinking token budget (Gemini 2.5 models): `-1` dynamic, `0` off where the model allows it.
   * @default the model's own (dynamic)
   */
  thinkingBudget?: number;
  /**
   * Thinking level (Gemini 3 models; `MINIMAL` on flash only). Never together with `thinkingBudget`.
   * @default the model's own (high)
   */
  thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'minimal' | 'low' | 'medium' | 'high';
}

/** A Gemini safety setting, e.g. `{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }`. */
export interface TokenOffSafetySetting {
  category: string;
  threshold: string;
}

/** Size caps on what ChatTokenOff reads from the network. */
export interface TokenOffLimits {
  /**
   * Largest 2xx answer read, in bytes (a whole stream included). Past it the connection is dropped and
   * the call fails as `truncated` (not retried: the same request would bring the same answer). Generous:
   * a 65k-token answer is well under 1 MB of JSON.
   * @default 33_554_432 (32 MB)
   */
  maxAnswerBytes?: number;
  /**
   * Largest error body read, in bytes; the rest is dropped and the error is classified from its status
   * and what was read. A google.rpc error is a few KB.
   * @default 65_536 (64 KB)
   */
  maxErrorBodyBytes?: number;
}

/** Options of {@link ChatTokenOff}. */
export interface ChatTokenOffInput extends BaseChatModelParams {
  /** TokenOff model id, e.g. `'gemini-2.5-flash'` (a leading `models/` is dropped). */
  model: string;
  /**
   * The TokenOff API key. Sent as `Authorization: Bearer` and `x-goog-api-key`; never logged, serialized
   * or shown by `util.inspect` (it lives in a private field; `toJSON` writes a secret reference).
   * @default process.env.TOKENOFF_API_KEY
   */
  apiKey?: string;
  /**
   * TokenOff base URL; a trailing slash is dropped. Always explicit: LangSmith's gateway never reroutes it.
   * @default process.env.TOKENOFF_BASE_URL, else 'https://tokenoff.com/api'
   */
  baseUrl?: string;
  /** API version in the path. @default 'v1beta' */
  apiVersion?: string;
  /** Extra request headers (the auth headers always win). @default none */
  customHeaders?: Record<string, string>;
  /** Sampling temperature, 0 to 2. @default the model's own */
  temperature?: number;
  /** Most tokens the answer may have (thinking not included). @default the model's own */
  maxOutputTokens?: number;
  /** Alias of `maxOutputTokens` (LangChain's common name). */
  maxTokens?: number;
  /** @default the model's own */
  topP?: number;
  /** @default the model's own */
  topK?: number;
  /** Sequences that end the answer, for every call (the `stop` call option adds to them). @default none */
  stopSequences?: string[];
  /** Alias of `stopSequences`. */
  stop?: string[];
  /** Safety settings sent with every request. @default none (the API's defaults) */
  safetySettings?: TokenOffSafetySetting[];
  /** Answer JSON (`responseMimeType: application/json`). @default false */
  json?: boolean;
  /** `invoke` streams underneath and returns the concatenated answer. @default false */
  streaming?: boolean;
  /** Stream chunks carry `usage_metadata`. @default true */
  streamUsage?: boolean;
  /** Send system messages as user text instead of `systemInstruction`. @default false */
  convertSystemMessageToHumanContent?: boolean;
  /** Thinking controls, sent with every request. @default none (the model's defaults) */
  thinkingConfig?: TokenOffThinkingConfig;
  /**
   * How many times LangChain's retry loop retries a retryable failure (rate_limited, overloaded, server,
   * timeout, network), waiting at least the server's `retryDelayMs`. The tokenflow gateway builds its
   * models with 0 and retries (and falls back) itself, so calls through it have one retry layer.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Limit for one HTTP attempt, in ms, covering the whole answer (a stream included). `0` disables it.
   * The call option `timeout` still bounds the whole call, retries included.
   * @default 600_000 (10 minutes)
   */
  attemptTimeoutMs?: number;
  /**
   * Longest wait, in ms, from sending a request to the response headers. A unary answer's headers come
   * when the whole answer is ready, so this is also the longest a non-streamed answer may take to
   * generate: raise it for answers of many thousand tokens. A stalled server fails as `timeout`
   * (retryable) after this long instead of holding the call for the whole attempt. `0` disables it.
   * @default 120_000 (2 minutes)
   */
  firstByteTimeoutMs?: number;
  /**
   * Longest quiet gap, in ms, between two pieces of an answer's body once the headers came (between
   * stream chunks, typically well under a second apart). A stream that stalls fails as `timeout`
   * (retryable). `0` disables it.
   * @default 30_000 (30 seconds)
   */
  idleTimeoutMs?: number;
  /** Size caps on answers and error bodies. */
  limits?: TokenOffLimits;
  /**
   * What to do with an answer that hit `maxOutputTokens` after writing something: return it (with
   * `finishReason: 'MAX_TOKENS'` in `response_metadata`) or throw a `truncated` error. An answer that
   * hit the limit before writing anything always throws `truncated`.
   * @default 'return'
   */
  truncatedAnswers?: TruncatedAnswers;
  /**
   * A 429 that asks to wait longer than this is `quota_exhausted` rather than `rate_limited`.
   * @default 600_000 (10 minutes)
   */
  quotaExhaustedAfterMs?: number;
  /**
   * A WHATWG `fetch` to send every request with, e.g. undici's `fetch` with a `ProxyAgent` as its
   * dispatcher for a proxy, or an instrumented fetch. Without it requests go through undici's dispatch API
   * on one keep-alive agent per process (no WHATWG Request/Response per call: about half the CPU), which
   * does not read `setGlobalDispatcher` and does not follow redirects.
   * @default undici's dispatch API
   */
  fetch?: typeof fetch;
  /** Where `TOKENOFF_API_KEY` and `TOKENOFF_BASE_URL` are read from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Time source of `firstByteTimeoutMs` and `idleTimeoutMs` (tests pass a manual clock). @default the system clock */
  clock?: Clock;
}

/** Call options: LangChain's (`signal`, `timeout`, `stop`, `callbacks`, ...) plus tools and Gemini's. */
export interface ChatTokenOffCallOptions extends BaseChatModelCallOptions {
  /** Tools the model may call (as `bindTools` stores them). */
  tools?: BindToolsInput[];
  /** Gemini `allowedFunctionNames`: the functions the model must choose from. */
  allowedFunctionNames?: string[];
  /** Gemini `responseSchema` (as `withStructuredOutput` stores it); the answer is JSON text. */
  responseSchema?: unknown;
  /** Stream chunks carry `usage_metadata`. @default the model's `streamUsage` */
  streamUsage?: boolean;
}
