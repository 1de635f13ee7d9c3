import { abortableSleep } from './abortable-sleep.js';

/**
 * Time as tokenflow sees it (the gateway's backoff and windows, the batch runner's timings and grace
 * period). Injected so tests are fast and deterministic; one clock can serve every layer.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = { now: () => Date.now(), sleep: abortableSleep };
