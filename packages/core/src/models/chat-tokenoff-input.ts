import type { GoogleGenerativeAIChatCallOptions, GoogleGenerativeAIChatInput } from '@langchain/google-genai';
import type { TruncatedAnswers } from './check-finish.js';

/** Options of {@link ChatTokenOff}: those of `ChatGoogleGenerativeAI`, plus TokenOff's. */
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

export interface ChatTokenOffInput
  extends Omit<GoogleGenerativeAIChatInput, 'model' | 'apiKey' | 'baseUrl' | 'thinkingConfig'> {
  /** TokenOff model id, e.g. `'gemini-2.5-flash'` (a leading `models/` is dropped). */
  model: string;
  /**
   * The TokenOff API key. Sent as `Authorization: Bearer` and `x-goog-api-key`; never logged or serialized.
   * @default process.env.TOKENOFF_API_KEY
   */
  apiKey?: string;
  /**
   * TokenOff base URL; a trailing slash is dropped. Always explicit: LangSmith's gateway never reroutes it.
   * @default process.env.TOKENOFF_BASE_URL, else 'https://tokenoff.com/api'
   */
  baseUrl?: string;
  /** Thinking controls, sent with every request. @default none (the model's defaults) */
  thinkingConfig?: TokenOffThinkingConfig;
  /**
   * How many times LangChain's retry loop retries a retryable failure (rate_limited, overloaded, server,
   * timeout, network), waiting at least the server's `retryDelayMs`. Use 0 under the tokenflow gateway,
   * which retries and falls back itself.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Limit for one HTTP attempt, in ms, covering the whole answer (a stream included). A hung connection
   * fails as `timeout` instead of blocking a run forever. `0` disables it. The call option `timeout`
   * still bounds the whole call, retries included.
   * @default 600_000 (10 minutes)
   */
  attemptTimeoutMs?: number;
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
  /** The fetch implementation (for proxies or custom agents). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where `TOKENOFF_API_KEY` and `TOKENOFF_BASE_URL` are read from. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Call options: those of `ChatGoogleGenerativeAI` (`signal`, `timeout`, `tools`, `stop`, ...). */
export type ChatTokenOffCallOptions = GoogleGenerativeAIChatCallOptions;
