import { type Clock, systemClock } from '../async/clock.js';

/**
 * Time as the batch runner sees it: the summary's timings and the stop grace period. The same clock as
 * the gateway's, so one clock can serve both.
 */
export type BatchClock = Clock;

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemBatchClock: BatchClock = systemClock;
