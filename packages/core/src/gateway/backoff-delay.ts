/** The numbers that shape one retry wait. */
export interface BackoffSettings {
  /** First backoff ceiling, doubled on each further attempt. */
  baseDelayMs: number;
  /** The backoff ceiling never grows past this. */
  maxDelayMs: number;
}

/**
 * How long to wait before retry number `retry` (1 for the first retry), "full jitter" style: a uniform
 * draw in `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))`, so many callers hit by the same failure spread
 * out instead of returning together. When the server said how long to wait (`retryDelayMs`, from
 * RetryInfo), the wait is never shorter than that.
 *
 * @param random a number in `[0, 1)`, injected for deterministic tests.
 */
export function backoffDelay(
  retry: number,
  settings: BackoffSettings,
  random: () => number,
  retryDelayMs?: number,
): number {
  const exponent = Math.max(0, retry - 1);
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
  const jittered = Math.floor(clampUnit(random()) * ceiling);
  return Math.max(jittered, retryDelayMs ?? 0);
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 0.999_999 : value;
}
