import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ModelInfo } from '../models/model-catalog.js';
import type { AdaptiveSettings } from './adaptive-limit.js';
import type { BreakerSettings } from './circuit-breaker.js';
import type { GatewayClock } from './gateway-clock.js';
import type { GatewayGovernor } from './gateway-governor.js';

/** Retries on the same model. */
export interface RetryOptions {
  /**
   * Attempts per model, the first one included. After the last one the call falls back.
   * @default 3
   */
  maxAttempts?: number;
  /**
   * Ceiling of the first backoff wait; each further retry doubles it (full jitter below the ceiling).
   * A server `retryDelay` always wins when it is longer.
   * @default 1_000
   */
  baseDelayMs?: number;
  /**
   * The backoff ceiling never grows past this.
   * @default 30_000
   */
  maxDelayMs?: number;
  /**
   * Total backoff a single call may spend over all its models. A retry whose wait would cross it falls
   * back at once instead (so a 60 s `retryDelay` on pro sends the call to flash rather than waiting).
   * Waiting in a lane for a slot or for RPM/TPM room is not counted: that is load, not failure.
   * @default 120_000
   */
  maxTotalWaitMs?: number;
  /**
   * Each attempt is cut off (as a retryable `timeout`) after this long. Pro models that think a lot can
   * take minutes; lower it for short prompts.
   * @default 300_000
   */
  attemptTimeoutMs?: number;
}

/** A model's lane limits. Missing values come from the catalog's `limits`. */
export interface LaneLimitOptions {
  /** Requests in flight at once: the ceiling of the adaptive limit. */
  concurrency?: number;
  /**
   * Requests per minute. A number is the quota, and the lane's window keeps to it. `Infinity` says there
   * is no per-minute quota: no window, and no pacing (there is nothing to pace to). `'unknown'` sets the
   * catalog's figure aside: no window until the first 429 that names the quota, and until then the lane
   * paces (`adaptive.pacing`).
   * @default the catalog's `limits.rpm` (`'unknown'` for a model without one)
   */
  rpm?: number | 'unknown';
  /** Input tokens per minute; `Infinity` turns the TPM window off. */
  tpm?: number;
}

/** Fallback between models. */
export interface FallbackOptions {
  /**
   * For each model, the models to try after it, in order. Models not listed use the default chain
   * (`defaultFallbackChains`: same generation, pro -> flash -> flash-lite). `[]` means no fallback.
   * @default defaultFallbackChains(catalog)
   */
  chains?: Record<string, readonly string[]>;
}

/** The USD budget of the gateway (a run). */
export interface BudgetOptions {
  /** Once this much is spent, new calls (and new attempts) throw `BudgetExceededError`. */
  maxCostUsd: number;
}

/** The on-disk response cache. */
export interface CacheOptions {
  /** The cache folder (created if missing). */
  dir: string;
  /**
   * Entries older than this are ignored (and replaced). `Infinity` keeps them forever.
   * @default Infinity
   */
  ttlMs?: number;
}

/** What the default model factory and `modelFactory` receive for one concrete model. */
export interface ModelFactorySettings {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** Model settings given to `gateway.chatModel(model, { model: {...} })` (temperature, thinking...). */
  settings: Readonly<Record<string, unknown>>;
}

/**
 * Builds the concrete chat model for one TokenOff model. The default builds a `ChatTokenOff` with no
 * retries of its own (the gateway retries). Replace it to route through another adapter, or in tests.
 */
export type ModelFactory = (model: string, options: ModelFactorySettings) => BaseChatModel;

/** Options of `createGateway`. Every group is optional; `createGateway()` works from the environment. */
export interface GatewayOptions {
  /**
   * The TokenOff key. Never logged, never in events, errors or cache files.
   * @default process.env.TOKENOFF_API_KEY
   */
  apiKey?: string;
  /**
   * The TokenOff base URL.
   * @default process.env.TOKENOFF_BASE_URL, else the adapter's default (https://tokenoff.com/api)
   */
  baseUrl?: string;
  /**
   * Run offline: calls go to the built-in emulator (the optional peer `@tokenflow/emulator`), started on a
   * loopback port on first use and stopped by `close()`. Answers are simulated; a one-line notice says so
   * on stderr. Never chosen silently: without a key, `createGateway()` fails unless this is set.
   * Cannot be combined with `apiKey` or `baseUrl`.
   * @default process.env.TOKENFLOW_OFFLINE === '1' (or 'true')
   */
  offline?: boolean;
  /**
   * Models the gateway knows (limits, prices, tiers for default chains).
   * @default defaultModelCatalog
   */
  catalog?: Readonly<Record<string, ModelInfo>>;
  /**
   * Per-model lane limits, overriding the catalog's.
   * @example { 'gemini-2.5-pro': { concurrency: 8, rpm: 60 } }
   */
  limits?: Record<string, LaneLimitOptions>;
  /** Adaptive concurrency (AIMD). */
  adaptive?: Partial<AdaptiveSettings>;
  retry?: RetryOptions;
  /**
   * Fallback chains, or `false` for none at all.
   * @default { chains: defaultFallbackChains(catalog) }
   */
  fallback?: FallbackOptions | false;
  /** Circuit breakers. */
  breaker?: Partial<BreakerSettings>;
  /** A USD budget. @default no budget */
  budget?: BudgetOptions;
  /** The response cache. @default off */
  cache?: CacheOptions | false;
  /** Time source. @default the system clock */
  clock?: GatewayClock;
  /** A number in [0, 1) for backoff jitter. @default Math.random */
  random?: () => number;
  /** Builds concrete chat models. @default builds `ChatTokenOff` */
  modelFactory?: ModelFactory;
  /**
   * A rate governor and circuit state shared with other processes on the same key (for example
   * `redisGovernor({ url })` from `@tokenflow/queue`): RPM, TPM, concurrency and the adaptive limit are
   * then held for the whole fleet, and a circuit opened by one process is open for all. This process's
   * own lanes still apply. The key is never given to it, only a hash.
   * @default none: limits hold for this process alone
   */
  governor?: GatewayGovernor;
}

export const defaultRetry: Required<RetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxTotalWaitMs: 120_000,
  attemptTimeoutMs: 300_000,
};

export const defaultAdaptive: AdaptiveSettings = {
  enabled: true,
  decreaseFactor: 0.5,
  increaseStep: 1,
  pacing: true,
};

export const defaultBreaker: BreakerSettings = {
  failureRate: 0.5,
  minimumCalls: 10,
  minimumFailingMs: 2_000,
  windowMs: 10_000,
  firstCooldownMs: 5_000,
  cooldownMs: 30_000,
  quotaCooldownMs: 300_000,
  notFoundCooldownMs: 600_000,
};

/** Lane limits for a model missing from the catalog, or a limit its entry does not give. */
export const defaultLaneLimits: Required<LaneLimitOptions> = {
  concurrency: 16,
  rpm: 'unknown',
  tpm: Number.POSITIVE_INFINITY,
};
