import { randomUUID } from 'node:crypto';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createAttemptSignal } from '../async/attempt-signal.js';
import { requestCacheKey } from '../cache/request-cache-key.js';
import { ResponseCache } from '../cache/response-cache.js';
import { stableStringify } from '../cache/stable-stringify.js';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { ChatTokenOff } from '../models/chat-tokenoff.js';
import { classifyError } from '../models/classify-error.js';
import { costOf } from '../models/cost-of.js';
import { getModelInfo } from '../models/get-model-info.js';
import type { ModelLimits } from '../models/model-catalog.js';
import { emptyUsage, type TokenUsage } from '../models/token-usage.js';
import { CallRun } from './call-run.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { GatewayEvent, GatewayEventListener, ServedCall } from './gateway-events.js';
import { checkGovernor, type GatewayGovernor, governorKeyId } from './gateway-governor.js';
import { defaultLaneLimits, type GatewayOptions } from './gateway-options.js';
import type {
  CacheBinding,
  CircuitStats,
  GatewayCallRequest,
  GatewayRequestBase,
  GatewayStreamItem,
  GatewayStreamRequest,
} from './gateway-requests.js';
import type { GatewayRuntime } from './gateway-runtime.js';
import { type LaneLimits, type LaneStats, ModelLane } from './model-lane.js';
import { type GatewayConnection, OfflineEmulator, offlineEmulatorKey } from './offline-emulator.js';
import { RoutedChatModel, type RoutedChatModelOptions } from './routed-chat-model.js';
import { streamAttempts } from './stream-attempts.js';
import { UsageMeter, type UsageSnapshot } from './usage-meter.js';
import { type ResolvedGatewayOptions, validateGatewayOptions } from './validate-gateway-options.js';

/** What the response cache holds for one request: the answer and the model that gave it. */
interface CacheEntry {
  servedModel: string;
  value: unknown;
}

/**
 * The one road every model call takes: per-model lanes (concurrency, RPM, TPM, adaptive limit), retries,
 * fallback chains, circuit breakers, the usage and cost meter with its budget, the response cache, and an
 * event for every decision. Build it with `createGateway`; `chatModel()` (see `routed-chat-model.ts`)
 * hands out LangChain chat models that route through it.
 */
export class ModelGateway {
  /** The resolved options, without the key (kept private so logging the gateway never shows it). */
  readonly options: Omit<ResolvedGatewayOptions, 'apiKey'>;
  readonly #listeners = new Set<GatewayEventListener>();
  /** The fallback chain of each model, as the gateway's options give it (see `chainFor`). */
  readonly #chains = new Map<string, readonly string[]>();
  readonly #lanes = new Map<string, ModelLane>();
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #meter: UsageMeter;
  readonly #cache: ResponseCache | undefined;
  readonly #runtime: GatewayRuntime;
  /** Calls and streams in flight: a count, not a set of promises (two closures and a `.then` per call). */
  #inFlight = 0;
  /** What wakes the `drain` calls waiting for the count to reach 0; made only when one waits. */
  #idle: { promise: Promise<void>; wake: () => void } | undefined;
  readonly #concrete = new Map<string, BaseChatModel>();
  /** The same models by settings object (weakly): what a routed model's every attempt looks up. */
  readonly #concreteBySettings = new WeakMap<object, Map<string, BaseChatModel>>();
  readonly #offline: OfflineEmulator | undefined;
  /** Where calls go; unset until the offline emulator has started. */
  #connection: GatewayConnection | undefined;
  #closed = false;

  constructor(options: ResolvedGatewayOptions, governor?: GatewayGovernor) {
    const { apiKey, ...visible } = options;
    this.options = visible;
    if (options.offline) {
      this.#offline = new OfflineEmulator((message) => process.stderr.write(`${message}\n`));
    } else {
      this.#connection = { apiKey, baseUrl: options.baseUrl };
    }
    const { catalog } = options;
    this.#meter = new UsageMeter((model, usage) => {
      const info = catalog[model];
      return info ? costOf(info, usage) : 0;
    }, options.maxCostUsd);
    this.#cache = options.cache
      ? new ResponseCache({
          dir: options.cache.dir,
          ttlMs: options.cache.ttlMs,
          now: () => options.clock.now(),
        })
      : undefined;
    this.#runtime = {
      clock: options.clock,
      random: options.random,
      retry: options.retry,
      meter: this.#meter,
      lane: (model) => this.#lane(model),
      contextWindow: (model) => catalog[model]?.contextWindow,
      breaker: (model) => this.#breaker(model),
      emit: (event, local) => this.#emit(event, local),
      listening: (local) => local !== undefined || this.#listeners.size > 0,
      governor: governor && { governor, keyId: governorKeyId(apiKey) },
    };
  }

  /** Listens to every event of every call. Returns a function that stops listening. */
  on(listener: GatewayEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * A LangChain chat model for `model` whose calls go through this gateway (see {@link RoutedChatModel}).
   * Cheap: concrete models are built once per model and settings, and shared.
   *
   * @example
   * const gateway = createGateway();
   * const model = gateway.chatModel('gemini-2.5-pro', { settings: { temperature: 0 } });
   * const answer = await model.bindTools([searchTool]).invoke('Find ...');
   * answer.response_metadata.tokenflow; // ServedCall: model, attempts, cost...
   */
  chatModel(model: string, options: RoutedChatModelOptions = {}): RoutedChatModel {
    return new RoutedChatModel(this, model, options);
  }

  /**
   * The concrete chat model that sends requests to `model` with `settings` (built by `modelFactory`, by
   * default a `ChatTokenOff` with no retries and no attempt timeout of its own: the gateway's calls bound
   * each attempt by `retry.attemptTimeoutMs`), shared by every routed model. `settings` is read the first
   * time this gateway sees that object: do not change it afterwards (routed models hold a frozen copy).
   */
  concreteModel(model: string, settings: Readonly<Record<string, unknown>> = {}): BaseChatModel {
    // A routed model asks with the same settings object on every attempt: found by identity first, so
    // a call does not serialize its settings to find its model (equal settings in another object still
    // share one model, through the serialized key).
    const known = this.#concreteBySettings.get(settings)?.get(model);
    if (known) return known;
    const key = `${model}\n${stableStringify(settings)}`;
    const cached = this.#concrete.get(key);
    if (cached) return this.#remember(settings, model, cached);
    const connection = this.#connection;
    // Offline and not started yet (a routed model checking its settings when built): build one to check
    // the settings, aimed at a closed loopback port, and keep none. Calls start the emulator first.
    if (!connection) return this.#buildModel(model, settings, unstartedOfflineConnection);
    const concrete = this.#buildModel(model, settings, connection);
    this.#concrete.set(key, concrete);
    return this.#remember(settings, model, concrete);
  }

  #remember(settings: object, model: string, concrete: BaseChatModel): BaseChatModel {
    let models = this.#concreteBySettings.get(settings);
    if (!models) {
      models = new Map();
      this.#concreteBySettings.set(settings, models);
    }
    models.set(model, concrete);
    return concrete;
  }

  #buildModel(
    model: string,
    settings: Readonly<Record<string, unknown>>,
    { apiKey, baseUrl }: GatewayConnection,
  ): BaseChatModel {
    const { modelFactory } = this.options;
    return modelFactory
      ? modelFactory(model, { apiKey, baseUrl, settings })
      : new ChatTokenOff({
          ...settings,
          model,
          ...(apiKey === undefined ? {} : { apiKey }),
          ...(baseUrl === undefined ? {} : { baseUrl }),
          maxRetries: 0,
          // Every attempt runs under the gateway's own attempt signal, which carries `retry.attemptTimeoutMs`
          // (ModelGateway.call, streamAttempts): a second timer and controller per call would only cost.
          attemptTimeoutMs: 0,
        });
  }

  /** Starts the offline emulator when this gateway is offline and it has not started yet. */
  async #connect(): Promise<void> {
    if (this.#connection || !this.#offline) return;
    const connection = await this.#offline.connection();
    this.#connection ??= connection;
  }

  /** The models a call to `model` tries, in order (the model first). */
  chainFor(model: string, override?: readonly string[] | false): string[] {
    return [...this.#chainOf(model, override)];
  }

  /** Runs one call: cache, lanes, attempts, retries, fallback, meter, events. */
  async call<T>(request: GatewayCallRequest<T>): Promise<{ value: T; served: ServedCall }> {
    this.#track();
    // One async function for the whole call (it was two, `call` awaiting `#call`: a frame and a promise
    // more per call, held while the call waits in its lane).
    try {
      this.#assertOpen(request.model);
      // Only an offline gateway has something to wait for here; an online call reaches the HTTP client
      // without yielding when its lane has room (see CallRun.nextAttemptNow).
      if (this.#offline && !this.#connection) await this.#connect();
      const run = this.#newRun(request);
      const cacheKey = this.#cache && request.cache ? requestCacheKey(request.cache.request()) : undefined;
      if (cacheKey !== undefined && request.cache) {
        const hit = await this.#cachedValue(cacheKey, request.cache, run, request.model);
        if (hit) return hit;
      }
      // The attempts, until one succeeds (`run.fail` retries, falls back or throws), in this function rather
      // than in a function of their own: an async frame and a promise fewer per call, held while it waits.
      const attemptTimeoutMs = this.options.retry.attemptTimeoutMs;
      for (;;) {
        // A call that finds room is sent without yielding (see CallRun.nextAttemptNow).
        const ticket = run.nextAttemptNow() ?? (await run.nextAttempt());
        const { signal, dispose } = createAttemptSignal(request.signal, attemptTimeoutMs);
        let answer: { value: T; usage: TokenUsage };
        try {
          answer = await request.attempt({
            callId: run.callId,
            model: ticket.model,
            attempt: ticket.attempt,
            signal,
          });
        } catch (error) {
          dispose();
          await run.fail(ticket, error, signal);
          continue;
        }
        dispose();
        const result = { value: answer.value, served: run.succeed(ticket, answer.usage) };
        if (cacheKey !== undefined && request.cache) {
          await this.#store(cacheKey, result.served, request.cache.encode(result.value));
        }
        return result;
      }
    } catch (error) {
      throw this.#callerError(error, request);
    } finally {
      this.#untrack();
    }
  }

  /**
   * Streams one call. A failure before the first chunk is retried or falls back like any call. A failure
   * after chunks were yielded restarts the answer (same model or the next) and marks the first chunk of the
   * new answer with `restart`, after a `stream-restart` event: consumers must drop what they had.
   */
  async *stream<T>(request: GatewayStreamRequest<T>): AsyncGenerator<GatewayStreamItem<T>> {
    this.#assertOpen(request.model);
    this.#track();
    try {
      yield* this.#stream(request);
    } catch (error) {
      throw this.#callerError(error, request);
    } finally {
      this.#untrack();
    }
  }

  /** Usage and cost so far, per model and in total. */
  usage(): UsageSnapshot {
    return this.#meter.snapshot();
  }

  /** A snapshot of every lane used so far. */
  lanes(): LaneStats[] {
    return [...this.#lanes.values()].map((lane) => lane.stats());
  }

  /** The circuit state of every model used so far. */
  circuits(): CircuitStats[] {
    return [...this.#breakers].map(([model, breaker]) => ({
      model,
      state: breaker.state,
      openUntil: breaker.openUntil,
    }));
  }

  /** Resolves when every call in flight has settled. */
  async drain(): Promise<void> {
    // Calls started while waiting are waited for too: the count is checked again after each wake-up.
    while (this.#inFlight > 0) {
      if (this.#idle === undefined) {
        let wake: () => void = () => undefined;
        const promise = new Promise<void>((resolve) => {
          wake = resolve;
        });
        this.#idle = { promise, wake };
      }
      await this.#idle.promise;
    }
  }

  /** Refuses new calls, then waits for the ones in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
    await this.#offline?.close();
  }

  async *#stream<T>(request: GatewayStreamRequest<T>): AsyncGenerator<GatewayStreamItem<T>> {
    await this.#connect();
    const run = this.#newRun(request);
    const cacheKey = this.#cache && request.cache ? requestCacheKey(request.cache.request()) : undefined;
    if (cacheKey !== undefined && request.cache) {
      const hit = await this.#cachedValue(cacheKey, request.cache, run, request.model);
      if (hit) {
        for (const chunk of hit.value) yield { type: 'chunk', chunk, model: hit.served.model };
        yield { type: 'served', served: hit.served };
        return;
      }
    }
    yield* streamAttempts(run, request, this.options.retry.attemptTimeoutMs, async (chunks, served) => {
      if (cacheKey !== undefined && request.cache)
        await this.#store(cacheKey, served, request.cache.encode(chunks));
    });
  }

  /**
   * The chain of `model` (see `chainFor`), shared and frozen. A routed model with no fallback of its own
   * asks the same on every call: once per model is enough (the catalog and the chains are fixed when the
   * gateway is made).
   */
  #chainOf(model: string, override: readonly string[] | false | undefined): readonly string[] {
    const known = override === undefined ? this.#chains.get(model) : undefined;
    if (known) return known;
    // Unknown ids fail here, before any request, with the closest known id.
    getModelInfo(this.options.catalog, model);
    const rest = override === false ? [] : (override ?? this.options.chains?.[model] ?? []);
    if (override) for (const entry of override) getModelInfo(this.options.catalog, entry);
    const chain = Object.freeze([
      model,
      ...rest.filter((entry, index) => entry !== model && rest.indexOf(entry) === index),
    ]);
    if (override === undefined) this.#chains.set(model, chain);
    return chain;
  }

  #newRun(request: GatewayRequestBase): CallRun {
    const chain = this.#chainOf(request.model, request.fallback);
    return new CallRun(this.#runtime, {
      callId: randomUUID(),
      chain,
      estimatedInputTokens: Math.max(0, request.estimatedInputTokens ?? 0),
      signal: request.signal,
      onEvent: request.onEvent,
    });
  }

  async #cachedValue<T>(
    key: string,
    binding: CacheBinding<T>,
    run: CallRun,
    model: string,
  ): Promise<{ value: T; served: ServedCall } | undefined> {
    const entry = (await this.#cache?.get(key)) as Partial<CacheEntry> | undefined;
    if (typeof entry?.servedModel !== 'string' || entry.value === undefined) return undefined;
    let value: T;
    try {
      value = binding.decode(entry.value);
    } catch {
      return undefined;
    }
    this.#meter.recordCached(model);
    const served: ServedCall = {
      callId: run.callId,
      requestedModel: model,
      // The model that produced the stored answer (a fallback model, maybe).
      model: entry.servedModel,
      modelsTried: [],
      attempts: 0,
      waitMs: 0,
      latencyMs: 0,
      usage: { ...emptyUsage },
      costUsd: 0,
      cached: true,
    };
    run.emit({ type: 'model-response', call: served });
    return { value, served };
  }

  async #store(key: string, served: ServedCall, value: unknown): Promise<void> {
    const entry: CacheEntry = { servedModel: served.model, value };
    await this.#cache?.set(key, entry);
  }

  /** A wait cut short by the caller's signal rejects with its raw reason: make it a TokenOffError. */
  #callerError(error: unknown, request: GatewayRequestBase): unknown {
    if (error instanceof TokenflowError || !request.signal?.aborted) return error;
    return classifyError(request.signal.reason ?? error, { model: request.model, signal: request.signal });
  }

  #assertOpen(model: string): void {
    if (this.#closed) {
      throw new TokenflowError(
        'gateway_closed',
        `Refused a ${model} call: the gateway was closed (gateway.close()). Create a new gateway for new calls.`,
      );
    }
  }

  /** Counts a call or stream in flight until its `#untrack` (`drain` and `close` wait for them). */
  #track(): void {
    this.#inFlight += 1;
  }

  #untrack(): void {
    this.#inFlight -= 1;
    if (this.#inFlight > 0 || this.#idle === undefined) return;
    const { wake } = this.#idle;
    this.#idle = undefined;
    wake();
  }

  #emit(event: GatewayEvent, local?: GatewayEventListener): void {
    // A listener that throws must not break the call it observes.
    if (local) safely(local, event);
    for (const listener of this.#listeners) safely(listener, event);
  }

  #lane(model: string): ModelLane {
    let lane = this.#lanes.get(model);
    if (!lane) {
      // The user's limits, else the catalog's; an RPM that neither gives is unknown (the lane paces).
      const configured = this.options.limits[model];
      const catalogued: Partial<ModelLimits> | undefined = this.options.catalog[model]?.limits;
      const limits: LaneLimits = {
        concurrency: configured?.concurrency ?? catalogued?.concurrency ?? defaultLaneLimits.concurrency,
        rpm: configured?.rpm ?? catalogued?.rpm ?? defaultLaneLimits.rpm,
        tpm: configured?.tpm ?? catalogued?.tpm ?? defaultLaneLimits.tpm,
      };
      lane = new ModelLane(model, limits, this.options.adaptive, this.options.clock);
      this.#lanes.set(model, lane);
    }
    return lane;
  }

  #breaker(model: string): CircuitBreaker {
    let breaker = this.#breakers.get(model);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breaker);
      this.#breakers.set(model, breaker);
    }
    return breaker;
  }
}

/** Port 9 (discard) on loopback: a model built before the offline emulator starts can reach nothing. */
const unstartedOfflineConnection: GatewayConnection = {
  apiKey: offlineEmulatorKey,
  baseUrl: 'http://127.0.0.1:9',
};

function safely(listener: GatewayEventListener, event: GatewayEvent): void {
  try {
    listener(event);
  } catch {
    // Listeners are observers; their failures are theirs.
  }
}

/**
 * Builds a gateway. With no options it reads `TOKENOFF_API_KEY`, `TOKENOFF_BASE_URL` and
 * `TOKENFLOW_OFFLINE`; with no key it fails, naming both ways forward (a key, or `offline: true`).
 */
export function createGateway(options: GatewayOptions = {}): ModelGateway {
  return new ModelGateway(validateGatewayOptions(options), checkGovernor(options.governor));
}
