/**
 * The three places a TokenOff (Gemini) error says how long to wait, each parsed to milliseconds.
 * All return `undefined` when the value is absent or unreadable, never a guess.
 */

/** A protobuf Duration string as RetryInfo carries it: `"17s"`, `"45.837906927s"`, `"0.5s"`. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  if (!match?.[1]) return undefined;
  return Math.round(Number(match[1]) * 1000);
}

/**
 * A `Retry-After` header: delay seconds (`"17"`) or an HTTP date. Gemini sends none, but a proxy may.
 * `now` is the current time in ms, injected so dates are testable.
 */
export function parseRetryAfterHeaderMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

const messageDelayPattern = /retry in (\d+(?:\.\d+)?)\s*(ms|s|m|h)\b/i;
const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The human text Gemini appends to 429 messages: `"Please retry in 17.338413s."`. */
export function parseRetryDelayFromMessageMs(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const match = messageDelayPattern.exec(message);
  if (!match?.[1] || !match[2]) return undefined;
  const unit = unitMs[match[2].toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}
