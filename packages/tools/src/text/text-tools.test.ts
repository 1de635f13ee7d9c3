import { describe, expect, it } from 'vitest';
import { chunkTextTool } from './chunk-text-tool.js';
import { regexExtract } from './regex-extract.js';
import { textStats } from './text-stats.js';

describe('text_stats', () => {
  it('counts words, sentences, lines, paragraphs and tokens', async () => {
    expect(
      JSON.parse(await textStats().invoke({ text: 'One fish. Two fish!\n\nRed fish, blue fish.' })),
    ).toEqual({
      characters: 41,
      words: 8,
      sentences: 3,
      lines: 3,
      paragraphs: 2,
      estimatedTokens: 11,
      readingMinutes: 0,
    });
  });
});

describe('regex_extract', () => {
  it('returns matches with positions and groups', async () => {
    // The largest limit: the search runs under a wall-clock watchdog that a loaded machine must not trip.
    const answer = await regexExtract({ timeoutMs: 60_000 }).invoke({
      text: 'Mail a@x.io or b@y.org',
      pattern: '(\\w+)@([\\w.]+)',
    });
    expect(JSON.parse(answer)).toEqual({
      count: 2,
      truncated: false,
      matches: [
        { index: 5, text: 'a@x.io', groups: ['a', 'x.io'] },
        { index: 15, text: 'b@y.org', groups: ['b', 'y.org'] },
      ],
    });
  });

  it('stops a catastrophically backtracking pattern instead of hanging', async () => {
    const answer = await regexExtract({ timeoutMs: 100 }).invoke({
      text: `${'a'.repeat(40)}!`,
      pattern: '(a+)+$',
    });
    expect(answer).toBe(
      'Error: the regular expression took more than 100 ms and was stopped; it probably backtracks (nested quantifiers such as `(a+)+`); simplify it or search for a literal string.',
    );
  });

  it('refuses unknown flags, invalid and overlong patterns', async () => {
    const tool = regexExtract({ maxPatternLength: 10 });
    expect(await tool.invoke({ text: 'x', pattern: 'x', flags: 'g' })).toBe(
      'Error: flags "g" are not allowed; use any of "i", "m" and "s", each once.',
    );
    expect(await tool.invoke({ text: 'x', pattern: '(' })).toMatch(
      /^Error: the pattern is not a valid JavaScript regular expression \(/,
    );
    expect(await tool.invoke({ text: 'x', pattern: 'x'.repeat(11) })).toBe(
      'Error: the pattern is 11 characters; the limit is 10.',
    );
  });
});

describe('chunk_text', () => {
  it('answers JSON chunks and readable errors', async () => {
    const tool = chunkTextTool();
    const answer = JSON.parse(await tool.invoke({ text: 'One.\n\nTwo.', maxTokens: 2 }));
    expect(answer.chunks).toEqual([
      { index: 0, text: 'One.', start: 0, end: 4, tokens: 1 },
      { index: 1, text: 'Two.', start: 6, end: 10, tokens: 1 },
    ]);
    expect(await tool.invoke({ text: 'x', maxTokens: 5, overlapTokens: 5 })).toBe(
      'Error: Expected `overlapTokens` to be a whole number from 0 up to below maxTokens (5), got `5`; call chunk_text again with valid numbers.',
    );
  });
});
