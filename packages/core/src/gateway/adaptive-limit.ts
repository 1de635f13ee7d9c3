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
}

/**
 * An AIMD concurrency limit bounded by `[1, max]`. It starts at `max`, halves (by default) on congestion
 * and creeps back up on success, so a lane whose real quota is unknown settles near it.
 *
 * A burst of 429s caused by one too-high limit must shrink it once, not once per failed call: each call
 * notes the `epoch` when it started, and only a failure from the current epoch shrinks the limit (and
 * starts a new epoch).
 */
export class AdaptiveLimit {
  readonly max: number;
  readonly #settings: AdaptiveSettings;
  #value: number;
  #epoch = 0;

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

  /** Record a 429/503. Returns true when the limit shrank. */
  onCongestion(startedEpoch: number): boolean {
    if (!this.#settings.enabled || startedEpoch !== this.#epoch) return false;
    const before = this.current;
    this.#value = Math.max(1, this.#value * this.#settings.decreaseFactor);
    this.#epoch += 1;
    return this.current !== before;
  }

  /** Record a success. */
  onSuccess(): void {
    if (!this.#settings.enabled || this.#value >= this.max) return;
    this.#value = Math.min(this.max, this.#value + this.#settings.increaseStep / this.current);
  }
}
