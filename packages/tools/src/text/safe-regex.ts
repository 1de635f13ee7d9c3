import { createContext, Script } from 'node:vm';
import { TokenflowError } from '@tokenflow/core';

/** Limits on regular expressions that come from a model. */
export interface SafeRegexLimits {
  /**
   * Longest pattern accepted, in characters.
   * @default 500
   */
  maxPatternLength?: number;
  /**
   * CPU time one search may take before it is stopped. JavaScript regular expressions backtrack, so a
   * pattern like `(a+)+$` can run for hours on a short line; this stops it instead.
   * @default 250
   */
  timeoutMs?: number;
}

/** A pattern that compiled, or why it did not. */
export type CompiledRegex = { ok: true; regex: RegExp } | { ok: false; reason: string };

/** A match found by {@link findMatches}. */
export interface RegexMatch {
  /** Index of the match in the searched text. */
  index: number;
  /** The matched text. */
  text: string;
  /** Capture groups, `null` where a group did not take part. */
  groups: (string | null)[];
}

/** Compiles a model-written pattern with the given flags, refusing overlong or invalid ones. */
export function compileSafeRegex(
  pattern: string,
  flags: string,
  limits: SafeRegexLimits = {},
): CompiledRegex {
  const maxPatternLength = limits.maxPatternLength ?? 500;
  if (pattern.length === 0) return { ok: false, reason: 'the pattern is empty; give at least one character' };
  if (pattern.length > maxPatternLength) {
    return {
      ok: false,
      reason: `the pattern is ${pattern.length} characters; the limit is ${maxPatternLength}`,
    };
  }
  try {
    return { ok: true, regex: new RegExp(pattern, flags) };
  } catch (thrown) {
    // Unicode mode rejects escapes models often write (`\-`); retry without it before giving up.
    if (flags.includes('u')) {
      const retried = compileSafeRegex(pattern, flags.replace('u', ''), limits);
      if (retried.ok) return retried;
    }
    return {
      ok: false,
      reason: `the pattern is not a valid JavaScript regular expression (${(thrown as Error).message})`,
    };
  }
}

/** Thrown when a search runs past its time limit. */
export class RegexTimeoutError extends TokenflowError {
  constructor(readonly timeoutMs: number) {
    super(
      'regex_timeout',
      `the regular expression took more than ${timeoutMs} ms and was stopped; it probably backtracks ` +
        '(nested quantifiers such as `(a+)+`); simplify it or search for a literal string',
    );
    this.name = 'RegexTimeoutError';
  }
}

// The search runs inside a vm context so V8's watchdog can interrupt a runaway backtracking match;
// an ordinary call on the main thread could not be stopped.
const searchScript = new Script(`(() => {
  const found = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  let match;
  while (found.length < limit && (match = global.exec(text)) !== null) {
    found.push({ index: match.index, text: match[0], groups: Array.from(match).slice(1) });
    if (match[0].length === 0) {
      // Step over a whole code point: in unicode mode V8 moves an index inside a surrogate pair back.
      const code = text.charCodeAt(global.lastIndex);
      global.lastIndex += global.unicode && code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
  }
  return JSON.stringify(found);
})()`);
const context = createContext({ pattern: /$^/, text: '', limit: 0 });

/**
 * All matches of `regex` in `text`, at most `limit`, stopped after `timeoutMs` of CPU time with a
 * {@link RegexTimeoutError}.
 */
export function findMatches(regex: RegExp, text: string, limit: number, timeoutMs = 250): RegexMatch[] {
  context.pattern = regex;
  context.text = text;
  context.limit = limit;
  try {
    return JSON.parse(searchScript.runInContext(context, { timeout: timeoutMs }) as string) as RegexMatch[];
  } catch (thrown) {
    if ((thrown as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new RegexTimeoutError(timeoutMs);
    const message = (thrown as { message?: unknown } | null)?.message;
    throw new TokenflowError(
      'regex_failed',
      `the regular expression search failed: ${typeof message === 'string' ? message : String(thrown)}`,
      { cause: thrown },
    );
  } finally {
    context.text = '';
  }
}
