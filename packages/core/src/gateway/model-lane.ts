import PQueue from 'p-queue';
import { onAbort } from '../async/on-abort.js';
import { AdaptiveLimit, type AdaptiveSettings } from './adaptive-limit.js';
import type { GatewayClock } from './gateway-clock.js';
import type { PerMinuteQuota } from './per-minute-quota.js';
import { RateWindow } from './rate-window.js';

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

/**
 * One model's lane, shared by every call to that model through the gateway: a p-queue whose concurrency is
 * the adaptive limit, then a sliding RPM/TPM window. A slot is held from admission to `release`, and only
 * while a request is on the wire: callers release it before any backoff wait and queue again afterwards.
 */
export class ModelLane {
  readonly model: string;
  readonly limit: AdaptiveLimit;
  readonly window: RateWindow;
  readonly #queue: PQueue;
  /** Queued tasks of calls aborted while they waited: each gives its turn up when reached. */
  #abandonedInQueue = 0;
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
    this.#queue = new PQueue({ concurrency: this.limit.current });
  }

  /** Wait for a slot and window room for a request of about `tokens` input tokens. */
  async acquire(tokens: number, signal?: AbortSignal): Promise<LaneSlot> {
    if (signal?.aborted) throw signal.reason;
    let grant: () => void = () => undefined;
    let free: () => void = () => undefined;
    const granted = new Promise<void>((resolve) => {
      grant = resolve;
    });
    const held = new Promise<void>((resolve) => {
      free = resolve;
    });
    let state: 'queued' | 'granted' | 'abandoned' = 'queued';
    // The queue gets no signal: p-queue adds an 'abort' listener per queued and per running task, and with
    // many calls waiting on one signal (a batch's) each add costs O(n). One listener per signal
    // (async/on-abort.ts) instead; a call abandoned while queued leaves its task behind, which gives its
    // turn up at once when reached.
    void this.#queue.add(async () => {
      if (state === 'abandoned') {
        this.#abandonedInQueue -= 1;
        return;
      }
      state = 'granted';
      grant();
      await held;
    });
    if (signal) {
      await new Promise<void>((resolve, reject) => {
        const stopWaiting = onAbort(signal, () => {
          // Aborted after the turn came but before this call took it: give the slot back.
          if (state === 'granted') free();
          else this.#abandonedInQueue += 1;
          state = 'abandoned';
          reject(signal.reason);
        });
        void granted.then(() => {
          stopWaiting();
          resolve();
        });
      });
    } else {
      await granted;
    }
    const epoch = this.limit.epoch;
    let reservation: Awaited<ReturnType<RateWindow['acquire']>>;
    try {
      reservation = await this.window.acquire(tokens, signal);
    } catch (error) {
      free();
      throw error;
    }
    let released = false;
    const admittedAt = this.#clock.now();
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        if (outcome.refused) reservation.cancel();
        else {
          if (outcome.inputTokens !== undefined) reservation.correct(outcome.inputTokens);
          reservation.answered();
        }
        const now = this.#clock.now();
        if (outcome.result === 'success') this.limit.onSuccess(now - admittedAt);
        if (outcome.result === 'congestion') this.limit.onCongestion(epoch, now);
        this.#queue.concurrency = this.limit.current;
        this.#pace();
        free();
      },
    };
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
      running: this.#queue.pending,
      queued: this.#queue.size - this.#abandonedInQueue,
      windowRequests: window.requests,
      windowTokens: window.tokens,
      rpm: this.window.rpm,
      tpm: this.window.tpm,
    };
  }

  /** Resolves when no call holds or waits for a slot. */
  onIdle(): Promise<void> {
    return this.#queue.onIdle();
  }
}
