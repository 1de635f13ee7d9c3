/** Times (epoch ms) in arrival order, oldest dropped as the window slides. */
class TimeQueue {
  #times: number[] = [];
  /** Index of the oldest time still in the window (the ones before it wait to be compacted away). */
  #head = 0;

  get size(): number {
    return this.#times.length - this.#head;
  }

  get oldest(): number | undefined {
    return this.#times[this.#head];
  }

  get newest(): number | undefined {
    return this.#times.length > this.#head ? this.#times[this.#times.length - 1] : undefined;
  }

  push(time: number): void {
    this.#times.push(time);
  }

  /** Drops the times at or before `limit`. */
  dropUpTo(limit: number): void {
    const times = this.#times;
    while (this.#head < times.length && (times[this.#head] ?? limit) <= limit) this.#head += 1;
    // Compact now and then, so memory follows the calls in the window, not every call ever made.
    if (this.#head > 64 && this.#head * 2 > times.length) {
      this.#times = times.slice(this.#head);
      this.#head = 0;
    }
  }

  clear(): void {
    this.#times = [];
    this.#head = 0;
  }
}

/** What a {@link FailureWindow} holds at one moment. */
export interface FailureCounts {
  /** Attempts that ended within the window. */
  calls: number;
  /** Of which failed. */
  failures: number;
  /** From the first failure in the window to the last: how long failures have kept coming (0 for one). */
  failingMs: number;
}

/**
 * The attempts of one model that ended in the last `windowMs`, and the failures among them: what the
 * circuit breaker judges. A share over time, not a run of consecutive failures, because concurrent calls
 * meet a short burst of 503s together: sixteen calls in flight failing at once says little about the
 * model, while half of everything sent failing for seconds says a lot.
 */
export class FailureWindow {
  readonly windowMs: number;
  readonly #calls = new TimeQueue();
  readonly #failures = new TimeQueue();

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Counts one attempt that ended at `now`. */
  record(now: number, failed: boolean): void {
    this.#calls.push(now);
    if (failed) this.#failures.push(now);
    this.#prune(now);
  }

  /** The counts of the window that ends at `now`. */
  counts(now: number): FailureCounts {
    this.#prune(now);
    const first = this.#failures.oldest;
    const last = this.#failures.newest;
    return {
      calls: this.#calls.size,
      failures: this.#failures.size,
      failingMs: first === undefined || last === undefined ? 0 : last - first,
    };
  }

  /** Forgets everything (the model proved healthy again). */
  clear(): void {
    this.#calls.clear();
    this.#failures.clear();
  }

  #prune(now: number): void {
    this.#calls.dropUpTo(now - this.windowMs);
    this.#failures.dropUpTo(now - this.windowMs);
  }
}
