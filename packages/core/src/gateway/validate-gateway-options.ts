import { z } from 'zod';
import { firstOptionIssue, option } from '../errors/option-schema.js';
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

interface NumberRule {
  min: number;
  max?: number;
  integer?: boolean;
  /** `Infinity` is accepted too (a limit turned off). */
  infinity?: boolean;
}

/**
 * A zod number whose every issue message is the expectation (`an integer from 1 and up`), or `expected`
 * when given (for a number that is one of several kinds of value).
 */
function numberOption(rule: NumberRule, expected = expectationOf(rule)) {
  let finite = z.number({ error: expected }).min(rule.min, { error: expected });
  if (rule.max !== undefined) finite = finite.max(rule.max, { error: expected });
  if (rule.integer) finite = finite.int({ error: expected });
  return rule.infinity ? z.union([z.literal(Number.POSITIVE_INFINITY), finite], { error: expected }) : finite;
}

function expectationOf(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const range = rule.max === undefined ? `from ${rule.min} and up` : `from ${rule.min} to ${rule.max}`;
  return `${kind} ${range}${rule.infinity ? ' (or Infinity)' : ''}`;
}

/** An optional group of options: an object when present. */
function groupOf<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  // Unknown keys are dropped, as before: only the ones named here reach the resolved options.
  return z.object(shape, { error: 'an object' }).optional();
}

/** Throws the first issue of `value` against `schema`, naming the option under `prefix`. */
function check(schema: z.ZodType, value: unknown, prefix: string): void {
  const issue = firstOptionIssue(schema, value);
  if (issue === undefined) return;
  const name = [prefix, issue.name].filter((part) => part !== '').join('.');
  throw invalid(name, issue.expected, issue.value);
}

/** The entries of an option group that are set (`undefined` keeps the default). */
function definedOf<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}

function group<T extends object>(name: string, value: unknown): Partial<T> {
  check(groupOf({}), value, name);
  return (value ?? {}) as Partial<T>;
}

const rpmExpected = "a number from 1 and up, Infinity (no per-minute quota) or 'unknown'";

const laneSchema = groupOf({
  concurrency: numberOption({ min: 1, integer: true }).optional(),
  rpm: z
    .union(
      [z.literal('unknown', { error: rpmExpected }), numberOption({ min: 1, infinity: true }, rpmExpected)],
      {
        error: rpmExpected,
      },
    )
    .optional(),
  tpm: numberOption({ min: 1, infinity: true }).optional(),
});

/** The option groups whose checks do not depend on the catalog. */
const groupsSchema = z.looseObject({
  adaptive: groupOf({
    enabled: z.boolean({ error: 'a boolean' }).optional(),
    decreaseFactor: numberOption({ min: 0.01, max: 1 }).optional(),
    increaseStep: numberOption({ min: 0 }).optional(),
    pacing: z.boolean({ error: 'a boolean' }).optional(),
  }),
  retry: groupOf({
    maxAttempts: numberOption({ min: 1, integer: true }).optional(),
    baseDelayMs: numberOption({ min: 0 }).optional(),
    maxDelayMs: numberOption({ min: 0 }).optional(),
    maxTotalWaitMs: numberOption({ min: 0, infinity: true }).optional(),
    attemptTimeoutMs: numberOption({ min: 1 }).optional(),
  }),
  breaker: groupOf({
    failureRate: numberOption({ min: 0, max: 1 }).optional(),
    minimumCalls: numberOption({ min: 1, integer: true }).optional(),
    minimumFailingMs: numberOption({ min: 0 }).optional(),
    windowMs: numberOption({ min: 1 }).optional(),
    firstCooldownMs: numberOption({ min: 0 }).optional(),
    cooldownMs: numberOption({ min: 0 }).optional(),
    quotaCooldownMs: numberOption({ min: 0 }).optional(),
    notFoundCooldownMs: numberOption({ min: 0 }).optional(),
  }),
  budget: groupOf({ maxCostUsd: numberOption({ min: 0 }) }),
  // `cache: false` is taken out before the check, as `undefined`.
  cache: groupOf({
    dir: z.string({ error: 'a folder path' }).min(1, { error: 'a folder path' }),
    ttlMs: numberOption({ min: 0, infinity: true }).optional(),
  }),
  random: option.function('a function returning a number in [0, 1)').optional(),
  modelFactory: option.function('a function (model, settings) => BaseChatModel').optional(),
});

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
    check(laneSchema, value, `limits.${model}`);
    const lane = (value ?? {}) as LaneLimitOptions;
    limits[model] = {
      ...(lane.concurrency === undefined ? {} : { concurrency: lane.concurrency }),
      ...(lane.rpm === undefined ? {} : { rpm: lane.rpm }),
      ...(lane.tpm === undefined ? {} : { tpm: lane.tpm }),
    };
  }

  if (typeof top.breaker === 'object' && top.breaker !== null && 'failureThreshold' in top.breaker) {
    throw new TokenflowError(
      'invalid_option',
      '`breaker.failureThreshold` (consecutive failures) was replaced by a failure rate over a time window: ' +
        'set `breaker.failureRate` (0.5), `breaker.minimumCalls` (10), `breaker.minimumFailingMs` (2000) and `breaker.windowMs` (10000) instead.',
    );
  }
  const groupsInput = { ...top, cache: top.cache === false ? undefined : top.cache };
  check(groupsSchema, groupsInput, '');
  const groups = groupsSchema.parse(groupsInput);
  const adaptive: AdaptiveSettings = { ...defaultAdaptive, ...definedOf(groups.adaptive) };
  const retry: Required<RetryOptions> = { ...defaultRetry, ...definedOf(groups.retry) };
  const breaker: BreakerSettings = { ...defaultBreaker, ...definedOf(groups.breaker) };

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

  const maxCostUsd = groups.budget?.maxCostUsd;
  const cache: ResolvedGatewayOptions['cache'] =
    groups.cache === undefined
      ? undefined
      : { dir: groups.cache.dir, ttlMs: groups.cache.ttlMs ?? Number.POSITIVE_INFINITY };

  const clock = top.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw invalid('clock', 'an object with `now()` and `sleep(ms, signal)` functions', clock);
  }
  const random = top.random ?? Math.random;

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
