import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { compileSafeRegex, findMatches, type SafeRegexLimits } from './safe-regex.js';

/** Options for {@link regexExtract}. */
export interface RegexExtractOptions extends SafeRegexLimits {
  /**
   * The most matches returned.
   * @default 100
   */
  maxMatches?: number;
  /**
   * The longest text accepted, in characters.
   * @default 1_000_000
   */
  maxInputChars?: number;
}

const regexExtractSchema = z.object({
  text: z.string().describe('The text to search.'),
  pattern: z
    .string()
    .describe('A JavaScript regular expression without slashes, e.g. "([\\\\w.]+)@([\\\\w.]+)".'),
  flags: z
    .string()
    .optional()
    .describe(
      'Any of "i" (ignore case), "m" (^ and $ match at line ends), "s" (. matches newlines). Default none.',
    ),
});

/** The options `regex_extract` takes from a YAML pipeline. */
export const regexExtractOptionsSchema = z
  .object({
    maxMatches: z.number().int().min(1).max(100_000).optional(),
    maxInputChars: z.number().int().min(1).max(100_000_000).optional(),
    maxPatternLength: z.number().int().min(1).max(10_000).optional(),
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
  })
  .strict();

/**
 * `regex_extract`: finds every match of a regular expression in a text and returns them with their
 * positions and capture groups as JSON. Patterns are length-limited and run with a CPU time limit, so
 * a catastrophic pattern such as `(a+)+$` is stopped instead of hanging the process.
 * @example
 * await regexExtract().invoke({ text: 'a@x.io, b@y.org', pattern: '(\\w+)@([\\w.]+)' });
 */
export function regexExtract(
  options: RegexExtractOptions = {},
): ReadableErrorTool<typeof regexExtractSchema> {
  const maxMatches = options.maxMatches ?? 100;
  const maxInputChars = options.maxInputChars ?? 1_000_000;
  return defineTool({
    name: 'regex_extract',
    description:
      'Extract every match of a regular expression from a text (emails, dates, IDs, amounts...). Returns JSON ' +
      `with each match, its position and its capture groups, at most ${maxMatches} matches.`,
    schema: regexExtractSchema,
    run: ({ text, pattern, flags = '' }) => {
      if (!/^[ims]*$/.test(flags) || new Set(flags).size !== flags.length) {
        return errorResult(
          `flags ${JSON.stringify(flags)} are not allowed; use any of "i", "m" and "s", each once.`,
        );
      }
      if (text.length > maxInputChars) {
        return errorResult(
          `the text is ${text.length} characters; regex_extract accepts at most ${maxInputChars}.`,
        );
      }
      const compiled = compileSafeRegex(pattern, `${flags}u`, options);
      if (!compiled.ok) return errorResult(`${compiled.reason}.`);
      try {
        const matches = findMatches(compiled.regex, text, maxMatches + 1, options.timeoutMs);
        return JSON.stringify({
          count: Math.min(matches.length, maxMatches),
          truncated: matches.length > maxMatches,
          matches: matches.slice(0, maxMatches),
        });
      } catch (thrown) {
        return errorResult(`${describeThrown(thrown)}.`);
      }
    },
  });
}

/** Registry entry for `regex_extract`. */
export const regexExtractFactory: ToolFactory<z.output<typeof regexExtractOptionsSchema>> = {
  name: 'regex_extract',
  summary: 'Extract regular-expression matches from text (length- and CPU-time-limited).',
  options: regexExtractOptionsSchema,
  create: (options) => regexExtract(options),
};
