/** How a lane's concurrency limit adapts to 429 and 503 answers. */
export interface AdaptiveSettings {
  /**
   * Whether the limit adapts at all. When false the lane always runs `max` calls at once.
   * @default true
   */
  enabled: boolean;
  /**
   * The limit is multiplied by this on a 429 or 503 (multiplicative decrease).
   * @default 0.5
   */
  decreaseFactor: number;
  /**
   * The limit grows by this much per full window of successes, i.e. by `increaseStep / limit` per
   * success (additive increase, like TCP congestion avoidance).
   * @default 1
   */
  increaseStep: number;
  /**
   * While a lane's RPM is unknown (`limits: { [model]: { rpm: 'unknown' } }`, or a model the catalog gives
   * no RPM, and no 429 has named the quota yet), spread its requests evenly over the round trip (the
   * limit per smoothed duration of successful attempts) instead of sending a slot's worth at once
   * whenever answers come back together. The rate is the same; what changes
   * is that the first 429 is read within milliseconds of the server refusing (a process busy with a burst
   * of sends reads it hundreds of ms later, and everything sent meanwhile is refused too), so the lane
   * learns the quota after one or two 429s instead of up to a concurrency's worth. It costs at most about
   * one round trip, once: the first answers' slots refill over a round trip instead of at once. A lane
   * with a known RPM is never paced: a number (configured, or the catalog's) has its window, and
   * `Infinity` says there is no per-minute quota, nothing to pace to.
   * @default true
   */
  pacing: boolean;
}

/**
 * An AIMD concurrency limit bounded by `[1, max]`. It starts at `max`, halves (by default) on congestion
 * and creeps back up on success, so a lane whose real quota is unknown settles near it.
 *
 * A burst of 429s caused by one too-high limit must shrink it once, not once per failed call: each call
 * notes the `epoch` when it started, and only a failure from the current epoch shrinks the limit (and
 * starts a new epoch). And, as TCP does, it shrinks at most once per round trip: 429s and 503s come back
 * at once, so without that the calls let in under the halved limit failed within milliseconds, in the
 * same burst, and halved it again and again (16 to 1 within 200 ms of a 300 ms burst of 503s), before the
 * first halving could show any effect. The round trip is the recent duration of successful attempts.
 */
export class AdaptiveLimit {
  readonly max: number;
  readonly #settings: AdaptiveSettings;
  #value: number;
  #epoch = 0;
  /** When the limit last shrank (epoch ms), and a smoothed duration of successful attempts. */
  #shrankAt = Number.NEGATIVE_INFINITY;
  #roundTripMs = 0;

  constructor(max: number, settings: AdaptiveSettings) {
    this.max = max;
    this.#settings = settings;
    this.#value = max;
  }

  /** The number of calls that may run at once now. */
  get current(): number {
    return Math.max(1, Math.min(this.max, Math.floor(this.#value)));
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** The smoothed duration of successful attempts (0 before the first). */
  get roundTripMs(): number {
    return this.#roundTripMs;
  }

  /**
   * Record a 429/503 of a call that started in `startedEpoch`, at `now`. Returns true when the limit
   * shrank: not for a call of an earlier epoch, nor within one round trip of the last shrink.
   */
  onCongestion(startedEpoch: number, now: number): boolean {
    if (!this.#settings.enabled || startedEpoch !== this.#epoch) return false;
    if (now - this.#shrankAt < this.#roundTripMs) return false;
    const before = this.current;
    this.#value = Math.max(1, this.#value * this.#settings.decreaseFactor);
    this.#epoch += 1;
    this.#shrankAt = now;
    return this.current !== before;
  }

  /** Record a success, and how long that attempt took (for the round trip). */
  onSuccess(durationMs?: number): void {
    if (durationMs !== undefined && Number.isFinite(durationMs) && durationMs >= 0) {
      this.#roundTripMs = this.#roundTripMs === 0 ? durationMs : this.#roundTripMs * 0.8 + durationMs * 0.2;
    }
    if (!this.#settings.enabled || this.#value >= this.max) return;
    this.#value = Math.min(this.max, this.#value + this.#settings.increaseStep / this.current);
  }
}
