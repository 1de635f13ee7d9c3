import type { QuotaKind } from '../wire/quota-errors.js';
import type { QuotaFaults } from './fault-config.js';

const windowMs = 60_000;

/** Why a request was refused: which quota, its limit, and how long until it frees. */
export interface QuotaRefusal {
  kind: QuotaKind;
  limit: number;
  retryDelayMs: number;
}

interface Usage {
  at: number;
  tokens: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The calendar day in `timeZone` at `now`, and the time left until its next midnight. */
function msUntilMidnight(now: number, timeZone: string): { dayKey: string; remainingMs: number } {
  const parts = formatFor(timeZone).formatToParts(new Date(now));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const elapsed = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 + (now % 1000);
  return {
    dayKey: `${get('year')}-${get('month')}-${get('day')}`,
    remainingMs: 86_400_000 - elapsed,
  };
}

/**
 * Sliding-window request and token counts for one model. `check` answers whether one more request of
 * `tokens` prompt tokens fits; `record` counts it once it is admitted. Refused requests are not counted.
 */
export class QuotaTracker {
  private readonly recent: Usage[] = [];
  private dayKey = '';
  private dayCount = 0;

  check(quota: QuotaFaults, now: number, tokens: number): QuotaRefusal | undefined {
    this.prune(now);
    if (quota.requestsPerDay !== undefined) {
      const day = msUntilMidnight(now, quota.dayTimeZone ?? 'America/Los_Angeles');
      if (day.dayKey !== this.dayKey) {
        this.dayKey = day.dayKey;
        this.dayCount = 0;
      }
      if (this.dayCount >= quota.requestsPerDay) {
        return { kind: 'requests-per-day', limit: quota.requestsPerDay, retryDelayMs: day.remainingMs };
      }
    }
    if (quota.requestsPerMinute !== undefined && this.recent.length >= quota.requestsPerMinute) {
      // the window frees when the request that pushes the count over the limit slides out
      const oldest = this.recent[this.recent.length - quota.requestsPerMinute];
      return {
        kind: 'requests-per-minute',
        limit: quota.requestsPerMinute,
        retryDelayMs: (oldest?.at ?? now) + windowMs - now,
      };
    }
    if (quota.tokensPerMinute !== undefined) {
      let used = this.recent.reduce((sum, usage) => sum + usage.tokens, 0);
      if (used + tokens > quota.tokensPerMinute) {
        let freeAt = now + windowMs;
        for (const usage of this.recent) {
          used -= usage.tokens;
          if (used + tokens <= quota.tokensPerMinute) {
            freeAt = usage.at + windowMs;
            break;
          }
        }
        return { kind: 'tokens-per-minute', limit: quota.tokensPerMinute, retryDelayMs: freeAt - now };
      }
    }
    return undefined;
  }

  record(quota: QuotaFaults, now: number, tokens: number): void {
    this.recent.push({ at: now, tokens });
    if (quota.requestsPerDay !== undefined) {
      const day = msUntilMidnight(now, quota.dayTimeZone ?? 'America/Los_Angeles');
      if (day.dayKey !== this.dayKey) {
        this.dayKey = day.dayKey;
        this.dayCount = 0;
      }
    }
    this.dayCount += 1;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop]?.at ?? now) <= now - windowMs) drop++;
    if (drop > 0) this.recent.splice(0, drop);
  }
}
