/**
 * Faults the emulator injects, per model. The same shape is accepted from `startEmulator({ faults })`,
 * `emulator.setFaults(...)` and a `--faults FILE` JSON file.
 */

/** A duration in milliseconds: fixed, or drawn uniformly from `[min, max]` with the seeded generator. */
export type DurationSpec = number | { min: number; max: number };

/** Names of the one-off faults that `rates` can trigger and a script entry can ask for. */
export const faultNames = [
  /** Streams: `data: {"error":{...503...}}` after the first chunk, then the connection closes. Unary: a 503. */
  'midStreamError',
  /** The socket is destroyed before any response header is written. */
  'resetBeforeHeaders',
  /** The socket is destroyed after part of the body (after the first chunk of a stream). */
  'resetMidBody',
  /** Streams stop sending after the first chunk; unary answers never start. The socket stays open. */
  'stall',
  /** 200 with no candidates and `promptFeedback.blockReason: "PROHIBITED_CONTENT"`. */
  'promptBlocked',
  /** The candidate ends with `finishReason: "SAFETY"`, `content: {}` and a blocked safety rating. */
  'safety',
  /** `finishReason: "MAX_TOKENS"`, `content: {role: "model"}` without parts; thinking used the budget. */
  'maxTokensEmpty',
  /** `finishReason: "MALFORMED_FUNCTION_CALL"` with a finishMessage and no content. */
  'malformedFunctionCall',
  /** `finishReason: "UNEXPECTED_TOOL_CALL"` and no content, as recorded. */
  'unexpectedToolCall',
] as const;

export type FaultName = (typeof faultNames)[number];

/** Per-minute and per-day quotas, counted per model over the injected clock. */
export interface QuotaFaults {
  /** Requests per minute over a sliding 60 s window; above it a 429 with the PerMinute quotaId. @default unlimited */
  requestsPerMinute?: number;
  /** Prompt tokens per minute over a sliding 60 s window; above it a 429 with the token quotaId. @default unlimited */
  tokensPerMinute?: number;
  /**
   * Requests per day (day boundaries at midnight in `dayTimeZone`); above it a 429 with the PerDay
   * quotaId until the clock passes the next midnight.
   * @default unlimited
   */
  requestsPerDay?: number;
  /**
   * Time zone whose midnight resets the daily quota.
   * @default 'America/Los_Angeles'
   */
  dayTimeZone?: string;
  /**
   * Which metric and quota ids the 429 names (`-FreeTier` suffixed or paid-tier).
   * @default 'paid'
   */
  tier?: 'free' | 'paid';
  /**
   * Also send a `Retry-After` header with the delay in whole seconds. The real API does not.
   * @default false
   */
  retryAfterHeader?: boolean;
}

/** The faults of one model (or of every model, under the `"*"` key). */
export interface ModelFaults {
  /** Delays, drawn from the seeded generator when given as a range. @default no delay */
  latency?: {
    /** Before the response headers. @default 0 */
    firstByteMs?: DurationSpec;
    /** Before each streamed chunk after the first. @default 0 */
    perChunkMs?: DurationSpec;
  };
  /** Per-minute and per-day quotas. @default none */
  quota?: QuotaFaults;
  /** Most generate calls in flight at once; one more answers 503 "The model is overloaded". @default unlimited */
  maxConcurrent?: number;
  /** Probability (0 to 1) of answering 500 INTERNAL, 503 UNAVAILABLE or 504 DEADLINE_EXCEEDED. @default 0 each */
  errorRates?: { '500'?: number; '503'?: number; '504'?: number };
  /** Probability (0 to 1) of each one-off fault, drawn per request from the seeded generator. @default 0 each */
  rates?: Partial<Record<FaultName, number>>;
}

/** Faults per model id; `"*"` applies to models without their own entry (entries are not merged). */
export type FaultsByModel = Record<string, ModelFaults>;

/** The `--faults FILE` document: faults per model and an optional seed. */
export interface FaultsFile {
  /** Seed for every random draw (latency ranges, rates). The `--seed` flag wins over it. @default 0 */
  seed?: number;
  models: FaultsByModel;
}
