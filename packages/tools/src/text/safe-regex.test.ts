import { TokenflowError } from '@tokenflow/core';
import { describe, expect, it } from 'vitest';
import { compileSafeRegex, findMatches, RegexTimeoutError } from './safe-regex.js';

const compiled = (pattern: string, flags = 'u') => {
  const result = compileSafeRegex(pattern, flags);
  if (!result.ok) throw new TokenflowError('test_setup_failed', result.reason);
  return result.regex;
};

// Searches run under a wall-clock watchdog: ordinary ones get a limit no loaded machine reaches; only the
// backtracking test sets a short one, which it reaches whatever the speed.
const roomyLimit = 60_000;

describe('findMatches', () => {
  it('steps over whole code points after an empty match, so it ends', () => {
    expect(findMatches(compiled('x*'), '😀😀', 10, roomyLimit).map((match) => match.index)).toEqual([
      0, 2, 4,
    ]);
  });

  it('stops at the limit', () => {
    expect(findMatches(compiled('a'), 'aaaa', 2, roomyLimit)).toHaveLength(2);
  });

  it('stops a backtracking pattern with RegexTimeoutError, a TokenflowError naming the limit', () => {
    expect(() => findMatches(compiled('(a+)+$'), `${'a'.repeat(40)}!`, 1, 50)).toThrow(RegexTimeoutError);
    try {
      findMatches(compiled('(a+)+$'), `${'a'.repeat(40)}!`, 1, 50);
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(TokenflowError);
      expect(thrown).toMatchObject({ code: 'regex_timeout', timeoutMs: 50 });
    }
  });
});

describe('compileSafeRegex', () => {
  it('falls back from unicode mode for escapes it rejects', () => {
    expect(findMatches(compiled('a\\-b'), 'xa-b', 5, roomyLimit)).toEqual([
      { index: 1, text: 'a-b', groups: [] },
    ]);
  });

  it('explains empty and invalid patterns', () => {
    expect(compileSafeRegex('', 'u')).toEqual({
      ok: false,
      reason: 'the pattern is empty; give at least one character',
    });
    expect(compileSafeRegex('(', 'u')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a valid'),
    });
  });
});
