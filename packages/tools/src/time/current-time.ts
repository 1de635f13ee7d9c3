import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { errorResult } from '../shared/error-result.js';

/** Options for {@link currentTime}. */
export interface CurrentTimeOptions {
  /**
   * The IANA time zone used when the model does not name one.
   * @default 'UTC'
   * @example `currentTime({ defaultTimeZone: 'Europe/Paris' })`
   */
  defaultTimeZone?: string;
  /**
   * The clock. Inject a fixed one in tests and replays.
   * @default () => new Date()
   */
  now?: () => Date;
}

const currentTimeSchema = z.object({
  timeZone: z
    .string()
    .optional()
    .describe('IANA time zone name, e.g. "Europe/Paris", "America/New_York", "Asia/Tokyo" or "UTC".'),
});

/** The options `current_time` takes from a YAML pipeline. */
export const currentTimeOptionsSchema = z
  .object({
    defaultTimeZone: z
      .string()
      .refine(isTimeZone, 'defaultTimeZone must be an IANA time zone name such as "Europe/Paris" or "UTC"')
      .optional(),
  })
  .strict();

/**
 * `current_time`: the current date and time in an IANA time zone, as JSON with the local ISO time and
 * its UTC offset, the weekday, the UTC time and the Unix time.
 * @example
 * await currentTime().invoke({ timeZone: 'Asia/Kolkata' });
 * // {"timeZone":"Asia/Kolkata","local":"2026-11-26T06:20:00+05:30","offset":"+05:30","weekday":"Thursday",...}
 */
export function currentTime(options: CurrentTimeOptions = {}): ReadableErrorTool<typeof currentTimeSchema> {
  const defaultTimeZone = options.defaultTimeZone ?? 'UTC';
  const now = options.now ?? (() => new Date());
  return defineTool({
    name: 'current_time',
    description:
      `Get the current date and time in a time zone (default ${defaultTimeZone}). Use it whenever the answer ` +
      "depends on today's date or the time; do not guess. Returns the local time with its UTC offset and weekday.",
    schema: currentTimeSchema,
    run: ({ timeZone = defaultTimeZone }) => {
      if (!isTimeZone(timeZone)) {
        return errorResult(
          `unknown time zone ${JSON.stringify(timeZone)}; use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".`,
        );
      }
      return JSON.stringify(describeInstant(now(), timeZone));
    },
  });
}

/** The parts of an instant as seen in one time zone. */
export function describeInstant(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return {
    timeZone,
    local: `${date}T${time}${offset}`,
    date,
    time,
    weekday: parts.weekday as string,
    offset,
    utc: instant.toISOString(),
    unixSeconds: Math.floor(instant.getTime() / 1000),
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Registry entry for `current_time`. */
export const currentTimeFactory: ToolFactory<z.output<typeof currentTimeOptionsSchema>> = {
  name: 'current_time',
  summary: 'The current date and time in an IANA time zone (ISO time, offset, weekday).',
  options: currentTimeOptionsSchema,
  create: (options) => currentTime(options),
};
