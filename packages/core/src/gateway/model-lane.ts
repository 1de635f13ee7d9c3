import Denque from 'denque';
import { onAbort } from '../async/on-abort.js';
import { AdaptiveLimit, type AdaptiveSettings } from './adaptive-limit.js';
import type { GatewayClock } from './gateway-clock.js';
import type { PerMinuteQuota } from './per-minute-quota.js';
import { type RateReservation, RateWindow } from './rate-window.js';

/** The limits of one model's lane. */
export interface LaneLimits {
  /** Requests in flight at once (the ceiling of the adaptive limit). */
  concurrency: number;
  /**
   * Requests per minute: a number is known (`Infinity`: there is no per-minute quota), `'unknown'` has no
   * window either, but the lane paces (`adaptive.pacing`) until a 429 names the quota.
   */
  rpm: number | 'unknown';
  /** Input tokens per minute; `Infinity` for no limit. */
  tpm: number;
}

/** How an attempt that held a slot ended. */
export interface SlotOutcome {
  /** The real input tokens, to correct the TPM estimate. */
  inputTokens?: number;
  /** `success` grows the adaptive limit, `congestion` (429/503) shrinks it, `other` leaves it. */
  result: 'success' | 'congestion' | 'other';
  /**
   * The server did not count the request: it refused it with a 429 (whose RetryInfo already pauses the
   * lane), or it was never sent (the circuit or the budget stopped it once the slot was held). It leaves
   * the RPM/TPM window.
   */
  refused?: boolean;
}

/** The right to send one request: a concurrency slot plus room in the RPM/TPM window. */
export interface LaneSlot {
  release(outcome: SlotOutcome): void;
}

/** A snapshot of a lane, for progress displays and benchmarks. */
export interface LaneStats {
  model: string;
  /** The adaptive concurrency limit now. */
  concurrency: number;
  maxConcurrency: number;
  /** Calls holding a slot. */
  running: number;
  /** Calls waiting for a slot. */
  queued: number;
  /** Requests and input tokens counted in the last minute. */
  windowRequests: number;
  windowTokens: number;
  /**
   * The RPM and TPM limits now (`Infinity` when off, or while the RPM is unknown): the configured ones, or
   * lower if a 429 said so.
   */
  rpm: number;
  tpm: number;
}

/** A call waiting for a slot: `admit` hands it one (already counted as running). */
interface LaneWaiter {
  admit: () => void;
  /** Stops listening to the call's signal, when it has one (called before `admit`). */
  stopWaiting: (() => void) | undefined;
  /** The call stopped waiting (its signal aborted): its turn is skipped when reached. */
  abandoned: boolean;
}

/**
 * One model's lane, shared by every call to that model through the gateway: a first-come-first-served
 * semaphore whose size is the adaptive limit, then a sliding RPM/TPM window. A slot is held from admission
 * to `release`, and only while a request is on the wire: callers release it before any backoff wait and
 * queue again afterwards.
 *
 * Why not a task queue (p-queue, used here before): a call must be able to take a free slot synchronously
 * (`tryAcquire`), so that a call with room hands its request to the HTTP client without a chain of
 * promises first (a batch that starts 1,024 calls created its first request after 30-80 ms, every call
 * having gone through the gateway up to the lane one `await` at a time; now at once); and a task queue's
 * bookkeeping per task (ids, timers, events, a map of running tasks) is paid by every call for features a
 * lane never uses.
 */
export class ModelLane {
  readonly model: string;
  readonly limit: AdaptiveLimit;
  readonly window: RateWindow;
  /** Slots held now. */
  #running = 0;
  readonly #waiters = new Denque<LaneWaiter>();
  /** Waiters still in `#waiters` that gave up (skipped when reached). */
  #abandoned = 0;
  readonly #clock: GatewayClock;
  /** Pacing is on and the RPM was unknown when the lane was made (a learned quota then ends it). */
  readonly #pacing: boolean;

  constructor(model: string, limits: LaneLimits, adaptive: AdaptiveSettings, clock: GatewayClock) {
    this.model = model;
    this.limit = new AdaptiveLimit(limits.concurrency, adaptive);
    const { rpm, tpm } = limits;
    this.window = new RateWindow({ rpm: rpm === 'unknown' ? Number.POSITIVE_INFINITY : rpm, tpm }, clock);
    this.#clock = clock;
    this.#pacing = adaptive.pacing && rpm === 'unknown';
  }

  /**
   * A slot at once for a request of about `tokens` input tokens, when one is free, no call waits before
   * this one and the window has room now; otherwise undefined (take the slot with {@link acquire}).
   */
  tryAcquire(tokens: number): LaneSlot | undefined {
    if (!this.#hasRoom()) return undefined;
    const reservation = this.window.tryAcquire(tokens);
    if (!reservation) return undefined;
    this.#running += 1;
    return this.#slot(reservation, this.limit.epoch);
  }

  /** Wait for a slot and window room for a request of about `tokens` input tokens. */
  async acquire(tokens: number, signal?: AbortSignal): Promise<LaneSlot> {
    if (signal?.aborted) throw signal.reason;
    if (this.#hasRoom()) this.#running += 1;
    else await this.#turn(signal);
    const epoch = this.limit.epoch;
    let reservation: RateReservation;
    try {
      // An abort that came with the turn (after `admit`, before this call resumed) gives the slot back.
      signal?.throwIfAborted();
      reservation = this.window.tryAcquire(tokens) ?? (await this.window.acquire(tokens, signal));
    } catch (error) {
      this.#free();
      throw error;
    }
    return this.#slot(reservation, epoch);
  }

  /** A slot is free and no call waits for one (a later call must not overtake a waiting one). */
  #hasRoom(): boolean {
    return this.#running < this.limit.current && this.#waiters.length === this.#abandoned;
  }

  /** Waits in line for a slot; the slot is counted as running when `admit` is called. */
  #turn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: LaneWaiter = { admit: resolve, stopWaiting: undefined, abandoned: false };
      if (signal) {
        // One 'abort' listener per signal however many calls wait on it (async/on-abort.ts); a call that
        // gives up stays in line, marked, and gives its turn up when reached.
        waiter.stopWaiting = onAbort(signal, () => {
          waiter.abandoned = true;
          this.#abandoned += 1;
          reject(signal.reason);
        });
      }
      this.#waiters.push(waiter);
    });
  }

  #slot(reservation: RateReservation, epoch: number): LaneSlot {
    return new HeldSlot(this, reservation, epoch, this.#clock.now());
  }

  /**
   * Ends what a {@link HeldSlot} held (once): the window learns the outcome, the adaptive limit the round
   * trip or the congestion, and the slot goes to the next call waiting.
   */
  settle(reservation: RateReservation, epoch: number, admittedAt: number, outcome: SlotOutcome): void {
    if (outcome.refused) reservation.cancel();
    else {
      if (outcome.inputTokens !== undefined) reservation.correct(outcome.inputTokens);
      reservation.answered();
    }
    const now = this.#clock.now();
    if (outcome.result === 'success') this.limit.onSuccess(now - admittedAt);
    if (outcome.result === 'congestion') this.limit.onCongestion(epoch, now);
    this.#pace();
    this.#free();
  }

  /** Gives a slot back and hands free slots to the calls waiting, in order (the limit may have grown). */
  #free(): void {
    this.#running -= 1;
    while (this.#running < this.limit.current) {
      const waiter = this.#waiters.shift();
      if (waiter === undefined) break;
      if (waiter.abandoned) {
        this.#abandoned -= 1;
        continue;
      }
      this.#running += 1;
      waiter.stopWaiting?.();
      waiter.admit();
    }
  }

  /**
   * The server named its per-minute quota (a 429's QuotaFailure): hold the lane's RPM/TPM windows to it
   * from now on. Only ever lowers a limit.
   */
  learnQuota(quota: PerMinuteQuota): void {
    this.window.lowerLimits(quota);
    this.#pace();
  }

  /**
   * While the RPM is unknown, space requests by the round trip divided by the limit: the lane's own rate,
   * without its bursts (see `AdaptiveSettings.pacing`). Once an RPM is known the window paces to it (a
   * configured one, or one a 429 named); an RPM known to be `Infinity` (no per-minute quota) leaves nothing
   * to pace to. Before the first answer there is no round trip to spread over. One slot is paced by its
   * own round trip and cannot burst: pacing it would only hold back each call that came back faster than
   * the average.
   */
  #pace(): void {
    const unknown = this.#pacing && this.window.rpm === Number.POSITIVE_INFINITY && this.limit.current > 1;
    this.window.pace(unknown ? this.limit.roundTripMs / this.limit.current : 0);
  }

  stats(): LaneStats {
    const window = this.window.usage();
    return {
      model: this.model,
      concurrency: this.limit.current,
      maxConcurrency: this.limit.max,
      running: this.#running,
      queued: this.#waiters.length - this.#abandoned,
      windowRequests: window.requests,
      windowTokens: window.tokens,
      rpm: this.window.rpm,
      tpm: this.window.tpm,
    };
  }
}

/**
 * A slot a call holds: one object with what its release needs (a closure over them took a context object
 * and a function more per call).
 */
class HeldSlot implements LaneSlot {
  #released = false;
  readonly #lane: ModelLane;
  readonly #reservation: RateReservation;
  readonly #epoch: number;
  readonly #admittedAt: number;

  constructor(lane: ModelLane, reservation: RateReservation, epoch: number, admittedAt: number) {
    this.#lane = lane;
    this.#reservation = reservation;
    this.#epoch = epoch;
    this.#admittedAt = admittedAt;
  }

  release(outcome: SlotOutcome): void {
    if (this.#released) return;
    this.#released = true;
    this.#lane.settle(this.#reservation, this.#epoch, this.#admittedAt, outcome);
  }
}
