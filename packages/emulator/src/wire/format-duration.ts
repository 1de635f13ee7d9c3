/**
 * A protobuf `Duration` in its JSON form: whole seconds (`"17s"`) or seconds with 3, 6 or 9 fractional
 * digits (`"17.339s"`), as RetryInfo.retryDelay carries it.
 */
export function formatDuration(milliseconds: number): string {
  const whole = Math.max(0, Math.ceil(milliseconds));
  const seconds = Math.floor(whole / 1000);
  const millis = whole % 1000;
  return millis === 0 ? `${seconds}s` : `${seconds}.${String(millis).padStart(3, '0')}s`;
}

/** Seconds for the "Please retry in Ns." sentence: up to 6 decimals, no trailing zeros. */
export function formatRetrySeconds(milliseconds: number): string {
  const seconds = Math.max(0, Math.ceil(milliseconds)) / 1000;
  return `${Number(seconds.toFixed(6))}s`;
}
