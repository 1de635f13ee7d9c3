import { classifyError } from '../models/classify-error.js';
import type { TokenUsage } from '../models/token-usage.js';
import { TokenOffError } from '../models/tokenoff-error.js';
import { backoffDelay } from './backoff-delay.js';
import { BudgetExceededError } from './budget-exceeded-error.js';
import { errorPolicy, isCongestion, readsNothing } from './error-policy.js';
import { GatewayCallError } from './gateway-call-error.js';
import type { ErrorSummary, GatewayEvent, GatewayEventListener, ServedCall } from './gateway-events.js';
import type { GovernorAdmission, GovernorReport } from './gateway-governor.js';
import type { AttemptTicket, GatewayRuntime } from './gateway-runtime.js';
import type { LaneSlot, ModelLane } from './model-lane.js';
import { oversizedRequestError } from './oversized-request-error.js';
import { perMinuteQuotaOf } from './per-minute-quota.js';
import { summarizeError } from './summarize-error.js';

/** Per-minute 429s a call may wait out on one model on top of `retry.maxAttempts`. */
export const maxRateLimitedRetries = 8;

/**
 * The state of one call through the gateway: which model of the chain it is on, attempts, waits and
 * errors. It decides, after each failure, whether to retry (after a backoff taken outside the lane),
 * fall back, or give up, and emits an event for each decision.
 */
export class CallRun {
  readonly callId: string;
  readonly requestedModel: string;
  readonly #runtime: GatewayRuntime;
  readonly #chain: readonly string[];
  readonly #tokens: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onEvent: GatewayEventListener | undefined;
  readonly #modelsTried: string[] = [];
  readonly #errors: ErrorSummary[] = [];
  /** Models skipped because their circuit was open, with the time they reopen (made when first needed). */
  #skipped: Map<string, number> | undefined;
  #index = 0;
  #attempts = 0;
  #attemptsOnModel = 0;
  /** Per-minute 429s on the current model: they wait as told and do not use up `retry.maxAttempts`. */
  #rateLimitedOnModel = 0;
  #waitMs = 0;
  #backoffMs = 0;
  #last: TokenOffError | undefined;

  constructor(
    runtime: GatewayRuntime,
    call: {
      callId: string;
      chain: readonly string[];
      estimatedInputTokens: number;
      signal?: AbortSignal | undefined;
      onEvent?: GatewayEventListener | undefined;
    },
  ) {
    this.#runtime = runtime;
    this.callId = call.callId;
    this.#chain = call.chain;
    this.requestedModel = call.chain[0] ?? '';
    this.#tokens = call.estimatedInputTokens;
    this.#signal = call.signal;
    this.#onEvent = call.onEvent;
  }

  get attempts(): number {
    return this.#attempts;
  }

  emit(event: GatewayEvent): void {
    this.#runtime.emit(event, this.#onEvent);
  }

  /**
   * The next attempt at once, when nothing has to wait: the current model's circuit lets calls through,
   * its lane has a free slot and window room now, and no governor is shared with other processes.
   * Otherwise undefined, having changed nothing: then {@link nextAttempt}.
   *
   * Synchronous on purpose: a call that finds room reaches the HTTP client without yielding, so a batch that
   * starts many calls at once dispatches its first requests while it starts the rest (see `ModelLane`).
   */
  nextAttemptNow(): AttemptTicket | undefined {
    const { clock } = this.#runtime;
    if (this.#runtime.governor) return undefined;
    this.#signal?.throwIfAborted();
    this.#checkBudget();
    const model = this.#chain[this.#index];
    if (model === undefined || !this.#runtime.breaker(model).isAvailable(clock.now())) return undefined;
    const lane = this.#runtime.lane(model);
    this.#refuseOversized(model, lane.window.tpm);
    const slot = lane.tryAcquire(this.#tokens);
    return slot && this.#ticketFor(model, slot);
  }

  /**
   * Waits for the next attempt: picks the first usable model of the chain (skipping open circuits), takes
   * a slot in its lane, and checks the circuit and the budget again once the slot is held (so no request
   * goes to a model whose circuit opened while this call queued).
   */
  async nextAttempt(): Promise<AttemptTicket> {
    const { clock } = this.#runtime;
    for (;;) {
      this.#signal?.throwIfAborted();
      this.#checkBudget();
      // The current model, when its circuit lets calls through, without the promise of `#pickModel`; the
      // governor's step only with a governor (each costs an async frame per queued call otherwise).
      const model = this.#currentModelIfAvailable() ?? (await this.#pickModel());
      const lane = this.#runtime.lane(model);
      this.#refuseOversized(model, lane.window.tpm);
      const queuedAt = clock.now();
      const local = await lane.acquire(this.#tokens, this.#signal);
      const slot = this.#runtime.governor ? await this.#governed(model, lane, local) : local;
      this.#waitMs += Math.max(0, clock.now() - queuedAt);
      // The fleet's circuit for the model is open: the local one is now too, and the chain moves on.
      if (!slot) continue;
      const ticket = this.#ticketFor(model, slot);
      if (ticket) return ticket;
    }
  }

  /**
   * The attempt a held slot allows: none when the budget ran out (throws) or the model's circuit opened
   * meanwhile (the slot is given back unsent and undefined returned). Counts and announces the attempt.
   */
  #ticketFor(model: string, slot: LaneSlot): AttemptTicket | undefined {
    const { clock, meter } = this.#runtime;
    if (meter.budgetReached) {
      slot.release({ result: 'other', refused: true });
      this.#checkBudget();
    }
    const admission = this.#runtime.breaker(model).admit(clock.now());
    if (admission === 'open') {
      // Not sent: it leaves the window it was counted in.
      slot.release({ result: 'other', refused: true });
      return undefined;
    }
    if (this.#modelsTried.at(-1) !== model) this.#modelsTried.push(model);
    this.#attempts += 1;
    this.#attemptsOnModel += 1;
    meter.recordRequest(model);
    if (this.#runtime.listening(this.#onEvent)) {
      this.emit({
        type: 'model-request',
        callId: this.callId,
        model,
        attempt: this.#attempts,
        estimatedInputTokens: this.#tokens,
        probe: admission === 'probe',
      });
    }
    return {
      model,
      attempt: this.#attempts,
      slot,
      probe: admission === 'probe',
      startedAt: clock.now(),
      releaseBudget: meter.reserve(model, this.#tokens),
    };
  }

  /** Records a success and returns what the gateway reports about the call. */
  succeed(ticket: AttemptTicket, usage: TokenUsage, extra: Partial<ServedCall> = {}): ServedCall {
    const { clock, meter } = this.#runtime;
    const latencyMs = Math.max(0, clock.now() - ticket.startedAt);
    ticket.slot.release({ result: 'success', inputTokens: usage.inputTokens });
    ticket.releaseBudget();
    if (this.#runtime.breaker(ticket.model).onSuccess(clock.now(), ticket.probe)) {
      this.emit({ type: 'circuit-close', model: ticket.model });
      this.#report(ticket.model, { type: 'circuit-close' });
    }
    const costUsd = meter.recordResponse(ticket.model, usage);
    const served: ServedCall = {
      callId: this.callId,
      requestedModel: this.requestedModel,
      model: ticket.model,
      modelsTried: [...this.#modelsTried],
      attempts: this.#attempts,
      waitMs: this.#waitMs,
      latencyMs,
      usage,
      costUsd,
      cached: false,
      ...extra,
    };
    if (this.#runtime.listening(this.#onEvent)) this.emit({ type: 'model-response', call: served });
    return served;
  }

  /** The caller stopped reading a stream: free the slot without judging the model. */
  abandon(ticket: AttemptTicket): void {
    ticket.slot.release({ result: 'other' });
    ticket.releaseBudget();
    if (ticket.probe) this.#runtime.breaker(ticket.model).releaseProbe();
  }

  /**
   * Handles a failed attempt: classifies the error, releases the slot, then either waits out a backoff
   * (returns, and the caller asks for the next attempt on the same model), moves to the next model
   * (returns), or throws the error that ends the call.
   */
  async fail(ticket: AttemptTicket, thrown: unknown, attemptSignal?: AbortSignal): Promise<TokenOffError> {
    const { clock, meter, retry } = this.#runtime;
    const breaker = this.#runtime.breaker(ticket.model);
    const error = classifyError(thrown, {
      model: ticket.model,
      ...(attemptSignal ? { signal: attemptSignal } : {}),
    });
    const callerAborted = this.#signal?.aborted === true;
    ticket.slot.release({
      result: isCongestion(error.kind) ? 'congestion' : 'other',
      refused: error.status === 429,
      inputTokens: error.usage?.inputTokens ?? (readsNothing(error.kind) ? 0 : undefined),
    });
    ticket.releaseBudget();
    meter.recordFailure(ticket.model, error.usage);
    if (callerAborted || error.kind === 'aborted') {
      if (ticket.probe) breaker.releaseProbe();
      const final =
        callerAborted && error.kind !== 'aborted'
          ? classifyError(this.#signal?.reason ?? thrown, { model: ticket.model, signal: this.#signal })
          : error;
      // The caller's own deadline (the `timeout` call option) is a failure worth reporting; an abort is not.
      if (final.kind !== 'aborted') {
        this.emit({
          type: 'model-error',
          callId: this.callId,
          model: ticket.model,
          attempts: this.#attempts,
          error: summarizeError(final),
        });
      }
      throw final;
    }
    const summary = summarizeError(error);
    this.#errors.push(summary);
    this.#last = error;
    const action = errorPolicy(error.kind);
    const now = clock.now();

    if (action === 'fail') {
      if (ticket.probe) breaker.releaseProbe();
      throw this.#giveUp(
        ticket.model,
        error.kind === 'invalid_request' || error.kind === 'auth'
          ? 'not retried and no fallback: this is the request or the key to fix, not TokenOff'
          : `not retried and no fallback: a ${error.kind} answer would repeat on any model`,
      );
    }

    // Calls in flight when a circuit opens fail too: report the opening once, not once per call.
    const wasOpen = breaker.state === 'open';
    if (action === 'fallback') {
      const until = breaker.trip(
        now,
        breaker.cooldownFor(now, error.kind, error.retryDelayMs, error.quotaId),
        error.kind,
      );
      if (!wasOpen)
        this.emit({ type: 'circuit-open', model: ticket.model, untilMs: until, reason: error.kind });
      this.#report(ticket.model, { type: 'circuit-open', untilMs: until, reason: error.kind });
      this.#advance(ticket.model, error);
      return error;
    }

    if (error.kind === 'rate_limited') {
      const lane = this.#runtime.lane(ticket.model);
      if (error.retryDelayMs !== undefined) lane.window.holdUntil(now + error.retryDelayMs);
      // The 429 names the quota it hit (QuotaFailure, with its value on newer servers): pace to it exactly
      // from now on instead of learning it by hitting it again each minute.
      const quota = perMinuteQuotaOf(error.details);
      if (quota) lane.learnQuota(quota);
      this.#report(ticket.model, {
        type: 'rate-limited',
        holdUntilMs: error.retryDelayMs === undefined ? undefined : now + error.retryDelayMs,
        rpm: quota?.rpm,
        tpm: quota?.tpm,
      });
    }
    // A 429 says we are too fast, not that the model is unwell: the lane pauses and shrinks instead.
    let openedUntil: number | undefined;
    if (error.kind !== 'rate_limited') {
      openedUntil = breaker.onFailure(now, error.kind, {
        probe: ticket.probe,
        retryDelayMs: error.retryDelayMs,
      });
    } else if (ticket.probe) breaker.releaseProbe();
    if (openedUntil !== undefined && !wasOpen) {
      this.emit({ type: 'circuit-open', model: ticket.model, untilMs: openedUntil, reason: error.kind });
    }
    if (openedUntil !== undefined) {
      this.#report(ticket.model, { type: 'circuit-open', untilMs: openedUntil, reason: error.kind });
    }
    if (error.kind === 'rate_limited' && this.#rateLimitedOnModel < maxRateLimitedRetries) {
      // The server said "too fast, come back in N s", not "this failed": waiting as told must not lose the
      // row. Still bounded, by this count and by the call's total wait (`retry.maxTotalWaitMs`).
      this.#rateLimitedOnModel += 1;
      this.#attemptsOnModel -= 1;
    }
    if (this.#attemptsOnModel >= retry.maxAttempts) {
      this.#advance(ticket.model, error);
      return error;
    }
    if (openedUntil !== undefined) {
      // Fall back now; with no model left, the next attempt waits for the probe if the wait budget allows.
      if (this.#chain[this.#index + 1] !== undefined) this.#advance(ticket.model, error);
      return error;
    }
    const delay = backoffDelay(this.#attemptsOnModel, retry, this.#runtime.random, error.retryDelayMs);
    if (this.#backoffMs + delay > retry.maxTotalWaitMs) {
      this.#advance(ticket.model, error);
      return error;
    }
    this.emit({
      type: 'model-retry',
      callId: this.callId,
      model: ticket.model,
      attempt: ticket.attempt,
      delayMs: delay,
      error: summary,
    });
    await clock.sleep(delay, this.#signal);
    this.#backoffMs += delay;
    this.#waitMs += delay;
    return error;
  }

  /**
   * With a governor shared by other processes, the lane's slot is not enough: the fleet must have room too,
   * and the model's circuit must be closed for the fleet. Returns a slot that holds both, or undefined when
   * the fleet's circuit is open (the local breaker then opens until the same time, and the lane slot is
   * released unsent). Without a governor, the lane's slot as it is.
   */
  async #governed(model: string, lane: ModelLane, local: LaneSlot): Promise<LaneSlot | undefined> {
    const shared = this.#runtime.governor;
    if (!shared) return local;
    let admission: GovernorAdmission;
    try {
      admission = await shared.governor.acquire({
        keyId: shared.keyId,
        model,
        tokens: this.#tokens,
        limits: { concurrency: lane.limit.max, rpm: lane.window.rpm, tpm: lane.window.tpm },
        signal: this.#signal,
      });
    } catch (error) {
      local.release({ result: 'other', refused: true });
      throw error;
    }
    if (admission.type === 'circuit-open') {
      local.release({ result: 'other', refused: true });
      const breaker = this.#runtime.breaker(model);
      const wasOpen = breaker.state === 'open';
      const now = this.#runtime.clock.now();
      const until = breaker.trip(now, admission.untilMs - now, admission.reason);
      if (!wasOpen) this.emit({ type: 'circuit-open', model, untilMs: until, reason: admission.reason });
      return undefined;
    }
    const { permit } = admission;
    return {
      release: (outcome) => {
        local.release(outcome);
        permit.release(outcome);
      },
    };
  }

  /** Tells the shared governor, if any, what this call learned about `model`. */
  #report(model: string, report: GovernorReport): void {
    const shared = this.#runtime.governor;
    shared?.governor.report(shared.keyId, model, report);
  }

  /** Ends the call with a `GatewayCallError` (and a `model-error` event) because of `reason`. */
  #giveUp(model: string, reason: string): GatewayCallError {
    const last =
      this.#last ??
      new TokenOffError(`No request was sent for ${this.requestedModel}.`, {
        kind: 'server',
        model: this.requestedModel,
      });
    this.emit({
      type: 'model-error',
      callId: this.callId,
      model,
      attempts: this.#attempts,
      error: summarizeError(last),
    });
    return new GatewayCallError({
      callId: this.callId,
      requestedModel: this.requestedModel,
      modelsTried: [...this.#modelsTried],
      attempts: this.#attempts,
      errors: [...this.#errors],
      last,
      reason,
    });
  }

  /** Moves to the next model of the chain, or ends the call when there is none. */
  #advance(from: string, error: TokenOffError): void {
    const next = this.#chain[this.#index + 1];
    if (next === undefined) {
      throw this.#giveUp(
        from,
        this.#chain.length > 1
          ? 'every model of the fallback chain failed'
          : 'retries spent and no fallback is configured',
      );
    }
    this.emit({
      type: 'model-fallback',
      callId: this.callId,
      from,
      to: next,
      reason: error.kind,
      error: summarizeError(error),
    });
    this.#index += 1;
    this.#attemptsOnModel = 0;
    this.#rateLimitedOnModel = 0;
  }

  /** The model at the current position when its circuit lets a call through now; else undefined. */
  #currentModelIfAvailable(): string | undefined {
    const model = this.#chain[this.#index];
    if (model === undefined) return undefined;
    return this.#runtime.breaker(model).isAvailable(this.#runtime.clock.now()) ? model : undefined;
  }

  /**
   * The first model from the current position whose circuit lets a call through. When every remaining
   * model is open, waits for the earliest to reopen if that fits the call's wait budget, else gives up.
   */
  async #pickModel(): Promise<string> {
    const { clock, retry } = this.#runtime;
    for (;;) {
      const now = clock.now();
      const model = this.#chain[this.#index];
      if (model === undefined) break;
      const breaker = this.#runtime.breaker(model);
      if (breaker.isAvailable(now)) return model;
      this.#skipped ??= new Map();
      this.#skipped.set(model, breaker.openUntil);
      const next = this.#chain[this.#index + 1];
      if (next === undefined) break;
      this.emit({
        type: 'model-fallback',
        callId: this.callId,
        from: model,
        to: next,
        reason: 'circuit-open',
      });
      this.#index += 1;
      this.#attemptsOnModel = 0;
      this.#rateLimitedOnModel = 0;
    }
    // Every model left is paused. Wait for the earliest one, if the wait budget allows.
    let earliest: [string, number] | undefined;
    for (const entry of this.#skipped ?? []) if (!earliest || entry[1] < earliest[1]) earliest = entry;
    const last = this.#chain[this.#chain.length - 1] ?? this.requestedModel;
    if (!earliest) throw this.#giveUp(last, 'no model is left to try');
    // A model whose probe is in flight has a past `openUntil`: poll no faster than the base backoff.
    const wait = Math.max(earliest[1] - clock.now(), retry.baseDelayMs, 100);
    if (this.#backoffMs + wait > retry.maxTotalWaitMs) {
      const breaker = this.#runtime.breaker(earliest[0]);
      this.#last ??= new TokenOffError(
        `Every model of the chain ${this.#chain.join(' -> ')} is paused by its circuit breaker; the first ` +
          `reopens at ${new Date(earliest[1]).toISOString()} (${earliest[0]}, after ${breaker.reason ?? 'failures'}).`,
        { kind: breaker.reason ?? 'overloaded', model: earliest[0], retryDelayMs: wait },
      );
      throw this.#giveUp(earliest[0], 'every model of the chain is paused by its circuit breaker');
    }
    await clock.sleep(wait, this.#signal);
    this.#backoffMs += wait;
    this.#waitMs += wait;
    this.#index = Math.max(0, this.#chain.indexOf(earliest[0]));
    this.#attemptsOnModel = 0;
    this.#rateLimitedOnModel = 0;
    this.#skipped?.clear();
    return this.#pickModel();
  }

  /**
   * A request that can never fit (above the model's context window or the lane's whole TPM budget) ends the
   * call before it takes a place in the TPM window, where it would wait for room that never comes and then
   * hold every later call to the model back for another minute.
   */
  #refuseOversized(model: string, tpm: number): void {
    const error = oversizedRequestError({
      model,
      estimatedInputTokens: this.#tokens,
      contextWindow: this.#runtime.contextWindow(model),
      tpm,
    });
    if (!error) return;
    this.#errors.push(summarizeError(error));
    this.#last = error;
    throw this.#giveUp(model, 'not sent: the request can never fit this model, and a smaller one is the fix');
  }

  #checkBudget(): void {
    const { meter } = this.#runtime;
    if (!meter.budgetReached) return;
    throw new BudgetExceededError({
      spentUsd: meter.spentUsd,
      reservedUsd: meter.reservedUsd,
      maxCostUsd: meter.maxCostUsd ?? 0,
      model: this.requestedModel,
    });
  }
}
