import type { TokenOffErrorKind } from '../models/tokenoff-error.js';

import { FailureWindow } from './failure-window.js';

/** When a model is taken out of rotation, and for how long. */
export interface BreakerSettings {
  /**
   * The share of failed attempts (503, 500, 504, timeouts, network) among those that ended in the last
   * `windowMs` that opens the circuit, once the window holds `minimumCalls` attempts and its failures
   * have kept coming for `minimumFailingMs`. 429s with a per-minute quota count neither way: they pause
   * the lane and shrink its adaptive limit instead. A rate over time rather than a run of consecutive
   * failures, so a short burst of 503s met by many calls at once does not take a healthy model out of
   * rotation, while a model that fails most of what it gets for seconds does leave it.
   * @default 0.5
   */
  failureRate: number;
  /**
   * Attempts that must have ended within `windowMs` before the failure rate is judged at all.
   * @default 10
   */
  minimumCalls: number;
  /**
   * How long failures must keep coming (from the first failure in the window to the last) before the
   * circuit opens. A burst shorter than this never opens it, however many calls it fails at once: 503s
   * come back at once while successes take the model's latency, so at the start of a burst the window
   * holds mostly failures even when the model serves half of what it gets.
   * @default 2_000
   */
  minimumFailingMs: number;
  /**
   * The sliding window, in milliseconds, over which the failure rate is measured.
   * @default 10_000
   */
  windowMs: number;
  /**
   * How long a circuit opened by failures stays open the first time. Each reopening without a successful
   * probe doubles it, up to `cooldownMs`, so a short burst of 503s costs seconds, not half a minute, while a
   * model that stays down is still left alone. A server `retryDelay` can make it longer.
   * @default 5_000
   */
  firstCooldownMs: number;
  /**
   * The longest cooldown of a circuit opened by failures (a server `retryDelay` can make it longer).
   * @default 30_000
   */
  cooldownMs: number;
  /**
   * Cooldown after a `quota_exhausted` answer that carried no `retryDelay`. Daily quotas (a quota id with
   * `PerDay`) without a delay stay open until the next midnight Pacific time, when Gemini resets them.
   * @default 300_000
   */
  quotaCooldownMs: number;
  /**
   * Cooldown after a 404 (`not_found`: the model does not exist on this endpoint).
   * @default 600_000
   */
  notFoundCooldownMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What a caller may do with the model now. */
export type BreakerAdmission = 'closed' | 'probe' | 'open';

/**
 * A circuit breaker for one model. Closed: calls flow, and the attempts of the last `windowMs` are counted;
 * once at least `minimumCalls` ended there, `failureRate` of them failed and failures have kept coming for
 * `minimumFailingMs`, it opens. Open: the model is
 * skipped without a request until `openUntil`. Then half-open: exactly one call (the probe) goes through;
 * its success closes the circuit (and forgets the old failures), its failure opens it again. Others keep
 * skipping while the probe runs. Answers to requests sent before the circuit opened say how the model was
 * then, not now: they neither close nor reopen it.
 */
export class CircuitBreaker {
  readonly #settings: BreakerSettings;
  readonly #window: FailureWindow;
  #state: BreakerState = 'closed';
  #openUntil = 0;
  #probing = false;
  #reason: TokenOffErrorKind | undefined;
  /** Openings by failures since the last successful probe: each doubles the next cooldown. */
  #failureOpenings = 0;

  constructor(settings: BreakerSettings) {
    this.#settings = settings;
    this.#window = new FailureWindow(settings.windowMs);
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** When an open circuit lets a probe through (epoch ms); 0 when closed. */
  get openUntil(): number {
    return this.#state === 'closed' ? 0 : this.#openUntil;
  }

  /** Why the circuit opened last. */
  get reason(): TokenOffErrorKind | undefined {
    return this.#reason;
  }

  /** Ask to send one request now. A `probe` answer must be followed by a verdict or `releaseProbe()`. */
  admit(now: number): BreakerAdmission {
    if (this.#state === 'closed') return 'closed';
    if (this.#probing || now < this.#openUntil) return 'open';
    this.#state = 'half-open';
    this.#probing = true;
    return 'probe';
  }

  /** Whether `admit` would let a call through now (without taking the probe). */
  isAvailable(now: number): boolean {
    return this.#state === 'closed' || (!this.#probing && now >= this.#openUntil);
  }

  /**
   * A request that ended at `now` succeeded. Returns true when this closed an open or half-open circuit.
   * Only the probe's success closes an open circuit: a request sent before the circuit opened (say, before
   * the daily quota ran out) says how the model was then, not now.
   */
  onSuccess(now: number, wasProbe: boolean): boolean {
    if (this.#state === 'closed') {
      this.#window.record(now, false);
      return false;
    }
    if (!wasProbe) return false;
    this.#probing = false;
    this.#failureOpenings = 0;
    this.#state = 'closed';
    this.#reason = undefined;
    this.#window.clear();
    return true;
  }

  /**
   * A retryable failure that ended at `now`. Returns the time the circuit now stays open until, or
   * undefined when this failure did not open it (it stays closed, or it was already open). A failed probe
   * reopens at once, for twice the last cooldown (up to `cooldownMs`); a server `retryDelayMs` can make
   * it longer.
   */
  onFailure(
    now: number,
    kind: TokenOffErrorKind,
    attempt: { probe: boolean; retryDelayMs?: number | undefined },
  ): number | undefined {
    if (this.#state === 'closed') {
      this.#window.record(now, true);
      const { calls, failures, failingMs } = this.#window.counts(now);
      const { minimumCalls, failureRate, minimumFailingMs } = this.#settings;
      if (calls < minimumCalls || failures < failureRate * calls || failingMs < minimumFailingMs) {
        return undefined;
      }
    } else if (!attempt.probe) {
      // Sent before the circuit opened: already judged.
      return undefined;
    }
    const { firstCooldownMs, cooldownMs } = this.#settings;
    const cooldown = Math.min(cooldownMs, Math.max(firstCooldownMs, 1) * 2 ** this.#failureOpenings);
    this.#failureOpenings += 1;
    return this.trip(now, Math.max(cooldown, attempt.retryDelayMs ?? 0), kind);
  }

  /** Open the circuit for `durationMs` now, whatever its state. Returns the time it stays open until. */
  trip(now: number, durationMs: number, kind: TokenOffErrorKind): number {
    this.#state = 'open';
    this.#probing = false;
    this.#reason = kind;
    this.#openUntil = Math.max(this.#openUntil, now + Math.max(0, durationMs));
    return this.#openUntil;
  }

  /** The probe ended without saying anything about the model's health (aborted, bad request). */
  releaseProbe(): void {
    this.#probing = false;
  }

  /** Cooldown for an error that opens the circuit at once. */
  cooldownFor(now: number, kind: TokenOffErrorKind, retryDelayMs?: number, quotaId?: string): number {
    if (kind === 'not_found') return this.#settings.notFoundCooldownMs;
    if (retryDelayMs !== undefined && retryDelayMs > 0) return retryDelayMs;
    if (quotaId !== undefined && /PerDay/i.test(quotaId)) return msUntilPacificMidnight(now);
    return this.#settings.quotaCooldownMs;
  }
}

const pacificParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds from `now` to the next midnight in America/Los_Angeles (when Gemini daily quotas reset). */
export function msUntilPacificMidnight(now: number): number {
  const parts = pacificParts.formatToParts(new Date(now));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const elapsed = ((field('hour') * 60 + field('minute')) * 60 + field('second')) * 1000 + (now % 1000);
  return Math.max(1000, 86_400_000 - elapsed);
}
