import { TokenflowError } from '../errors/tokenflow-error.js';
import { getModelInfo } from '../models/get-model-info.js';
import { defaultModelCatalog, type ModelInfo } from '../models/model-catalog.js';
import type { AdaptiveSettings } from './adaptive-limit.js';
import type { BreakerSettings } from './circuit-breaker.js';
import { defaultFallbackChains } from './fallback-chains.js';
import { type GatewayClock, systemClock } from './gateway-clock.js';
import {
  defaultAdaptive,
  defaultBreaker,
  defaultRetry,
  type GatewayOptions,
  type LaneLimitOptions,
  type ModelFactory,
  type RetryOptions,
} from './gateway-options.js';
import { resolveGatewayConnection } from './resolve-gateway-connection.js';

/** Options with every default filled in. */
export interface ResolvedGatewayOptions {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** Calls go to the built-in emulator, started on first use. */
  offline: boolean;
  catalog: Readonly<Record<string, ModelInfo>>;
  limits: Record<string, LaneLimitOptions>;
  adaptive: AdaptiveSettings;
  retry: Required<RetryOptions>;
  /** `undefined` when fallback is off. */
  chains: Record<string, readonly string[]> | undefined;
  breaker: BreakerSettings;
  maxCostUsd: number | undefined;
  cache: { dir: string; ttlMs: number } | undefined;
  clock: GatewayClock;
  random: () => number;
  modelFactory: ModelFactory | undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return '(function)';
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\` (${value === null ? 'null' : typeof value})`;
}

function invalid(name: string, expectation: string, value: unknown): TokenflowError {
  return new TokenflowError(
    'invalid_option',
    `Expected \`${name}\` to be ${expectation}, got ${describe(value)}. Fix the option passed to createGateway().`,
  );
}

function number(
  name: string,
  value: unknown,
  fallback: number,
  check: { min: number; integer?: boolean; max?: number; infinity?: boolean },
): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (check.infinity
      ? value === Number.POSITIVE_INFINITY || Number.isFinite(value)
      : Number.isFinite(value)) &&
    value >= check.min &&
    (check.max === undefined || value <= check.max) &&
    (!check.integer || Number.isInteger(value) || value === Number.POSITIVE_INFINITY);
  if (ok) return value;
  const kind = check.integer ? 'an integer' : 'a number';
  const range = check.max === undefined ? `from ${check.min} and up` : `from ${check.min} to ${check.max}`;
  throw invalid(name, `${kind} ${range}${check.infinity ? ' (or Infinity)' : ''}`, value);
}

function group<T extends object>(name: string, value: unknown): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(name, 'an object', value);
  }
  return value as Partial<T>;
}

function modelName(name: string, value: unknown, catalog: Readonly<Record<string, ModelInfo>>): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(name, 'a model id such as `gemini-2.5-flash`', value);
  try {
    getModelInfo(catalog, value);
  } catch (error) {
    throw new TokenflowError('invalid_option', `\`${name}\`: ${(error as Error).message}`, { cause: error });
  }
  return value;
}

/** Validates `createGateway` options and fills in defaults. Throws a `TokenflowError` naming the option. */
export function validateGatewayOptions(
  options: GatewayOptions = {},
  env: Record<string, string | undefined> = process.env,
): ResolvedGatewayOptions {
  const top = group<GatewayOptions>('options', options);
  const { apiKey, baseUrl, offline } = resolveGatewayConnection(top, env);
  const catalog = top.catalog ?? defaultModelCatalog;
  if (typeof catalog !== 'object' || catalog === null)
    throw invalid('catalog', 'a record of ModelInfo by id', catalog);

  const limits: Record<string, LaneLimitOptions> = {};
  for (const [model, value] of Object.entries(
    group<Record<string, LaneLimitOptions>>('limits', top.limits),
  )) {
    modelName(`limits.${model}`, model, catalog);
    const lane = group<LaneLimitOptions>(`limits.${model}`, value);
    limits[model] = {
      ...(lane.concurrency === undefined
        ? {}
        : {
            concurrency: number(`limits.${model}.concurrency`, lane.concurrency, 1, {
              min: 1,
              integer: true,
            }),
          }),
      ...(lane.rpm === undefined
        ? {}
        : { rpm: number(`limits.${model}.rpm`, lane.rpm, 1, { min: 1, infinity: true }) }),
      ...(lane.tpm === undefined
        ? {}
        : { tpm: number(`limits.${model}.tpm`, lane.tpm, 1, { min: 1, infinity: true }) }),
    };
  }

  const adaptiveInput = group<AdaptiveSettings>('adaptive', top.adaptive);
  if (adaptiveInput.enabled !== undefined && typeof adaptiveInput.enabled !== 'boolean') {
    throw invalid('adaptive.enabled', 'a boolean', adaptiveInput.enabled);
  }
  const adaptive: AdaptiveSettings = {
    enabled: adaptiveInput.enabled ?? defaultAdaptive.enabled,
    decreaseFactor: number(
      'adaptive.decreaseFactor',
      adaptiveInput.decreaseFactor,
      defaultAdaptive.decreaseFactor,
      {
        min: 0.01,
        max: 1,
      },
    ),
    increaseStep: number('adaptive.increaseStep', adaptiveInput.increaseStep, defaultAdaptive.increaseStep, {
      min: 0,
    }),
  };

  const retryInput = group<RetryOptions>('retry', top.retry);
  const retry: Required<RetryOptions> = {
    maxAttempts: number('retry.maxAttempts', retryInput.maxAttempts, defaultRetry.maxAttempts, {
      min: 1,
      integer: true,
    }),
    baseDelayMs: number('retry.baseDelayMs', retryInput.baseDelayMs, defaultRetry.baseDelayMs, { min: 0 }),
    maxDelayMs: number('retry.maxDelayMs', retryInput.maxDelayMs, defaultRetry.maxDelayMs, { min: 0 }),
    maxTotalWaitMs: number('retry.maxTotalWaitMs', retryInput.maxTotalWaitMs, defaultRetry.maxTotalWaitMs, {
      min: 0,
      infinity: true,
    }),
    attemptTimeoutMs: number(
      'retry.attemptTimeoutMs',
      retryInput.attemptTimeoutMs,
      defaultRetry.attemptTimeoutMs,
      {
        min: 1,
      },
    ),
  };

  let chains: Record<string, readonly string[]> | undefined;
  if (top.fallback !== false) {
    const fallback = group<{ chains: Record<string, readonly string[]> }>('fallback', top.fallback);
    chains = { ...defaultFallbackChains(catalog) };
    for (const [model, chain] of Object.entries(
      group<Record<string, string[]>>('fallback.chains', fallback.chains),
    )) {
      modelName(`fallback.chains.${model}`, model, catalog);
      if (!Array.isArray(chain)) throw invalid(`fallback.chains.${model}`, 'an array of model ids', chain);
      chains[model] = chain.map((entry, index) =>
        modelName(`fallback.chains.${model}[${index}]`, entry, catalog),
      );
    }
  }

  const breakerInput = group<BreakerSettings>('breaker', top.breaker);
  if ('failureThreshold' in breakerInput) {
    throw new TokenflowError(
      'invalid_option',
      '`breaker.failureThreshold` (consecutive failures) was replaced by a failure rate over a time window: ' +
        'set `breaker.failureRate` (0.5), `breaker.minimumCalls` (10), `breaker.minimumFailingMs` (2000) and `breaker.windowMs` (10000) instead.',
    );
  }
  const breaker: BreakerSettings = {
    failureRate: number('breaker.failureRate', breakerInput.failureRate, defaultBreaker.failureRate, {
      min: 0,
      max: 1,
    }),
    minimumCalls: number('breaker.minimumCalls', breakerInput.minimumCalls, defaultBreaker.minimumCalls, {
      min: 1,
      integer: true,
    }),
    minimumFailingMs: number(
      'breaker.minimumFailingMs',
      breakerInput.minimumFailingMs,
      defaultBreaker.minimumFailingMs,
      { min: 0 },
    ),
    windowMs: number('breaker.windowMs', breakerInput.windowMs, defaultBreaker.windowMs, { min: 1 }),
    firstCooldownMs: number(
      'breaker.firstCooldownMs',
      breakerInput.firstCooldownMs,
      defaultBreaker.firstCooldownMs,
      { min: 0 },
    ),
    cooldownMs: number('breaker.cooldownMs', breakerInput.cooldownMs, defaultBreaker.cooldownMs, { min: 0 }),
    quotaCooldownMs: number(
      'breaker.quotaCooldownMs',
      breakerInput.quotaCooldownMs,
      defaultBreaker.quotaCooldownMs,
      {
        min: 0,
      },
    ),
    notFoundCooldownMs: number(
      'breaker.notFoundCooldownMs',
      breakerInput.notFoundCooldownMs,
      defaultBreaker.notFoundCooldownMs,
      { min: 0 },
    ),
  };

  let maxCostUsd: number | undefined;
  if (top.budget !== undefined) {
    const budget = group<{ maxCostUsd: number }>('budget', top.budget);
    maxCostUsd = number('budget.maxCostUsd', budget.maxCostUsd, Number.NaN, { min: 0 });
    if (Number.isNaN(maxCostUsd))
      throw invalid('budget.maxCostUsd', 'a number from 0 and up', budget.maxCostUsd);
  }

  let cache: ResolvedGatewayOptions['cache'];
  if (top.cache !== undefined && top.cache !== false) {
    const cacheInput = group<{ dir: string; ttlMs: number }>('cache', top.cache);
    if (typeof cacheInput.dir !== 'string' || cacheInput.dir === '') {
      throw invalid('cache.dir', 'a folder path', cacheInput.dir);
    }
    cache = {
      dir: cacheInput.dir,
      ttlMs: number('cache.ttlMs', cacheInput.ttlMs, Number.POSITIVE_INFINITY, { min: 0, infinity: true }),
    };
  }

  const clock = top.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw invalid('clock', 'an object with `now()` and `sleep(ms, signal)` functions', clock);
  }
  const random = top.random ?? Math.random;
  if (typeof random !== 'function')
    throw invalid('random', 'a function returning a number in [0, 1)', random);
  if (top.modelFactory !== undefined && typeof top.modelFactory !== 'function') {
    throw invalid('modelFactory', 'a function (model, settings) => BaseChatModel', top.modelFactory);
  }

  if (!offline && apiKey === undefined && top.modelFactory === undefined) {
    throw new TokenflowError(
      'missing_api_key',
      'createGateway() has no TokenOff API key. Either set the TOKENOFF_API_KEY environment variable ' +
        '(or pass `apiKey`) to call TokenOff, or run offline against the built-in emulator with ' +
        'createGateway({ offline: true }) or TOKENFLOW_OFFLINE=1 (simulated answers; needs @tokenflow/emulator).',
    );
  }

  return {
    apiKey,
    baseUrl,
    offline,
    catalog,
    limits,
    adaptive,
    retry,
    chains,
    breaker,
    maxCostUsd,
    cache,
    clock,
    random,
    modelFactory: top.modelFactory,
  };
}
