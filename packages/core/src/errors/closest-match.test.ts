import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './closest-match.js';

describe('closestMatch', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests a close candidate, or one the word abbreviates, and nothing for unrelated words', () => {
    expect(closestMatch('concurency', ['concurrency', 'description'])).toBe('concurrency');
    expect(closestMatch('Titel', ['title'])).toBe('title');
    expect(closestMatch('bool', ['boolean', 'object'])).toBe('boolean');
    expect(closestMatch('xyz', ['title', 'summary'])).toBeUndefined();
  });

  it('allows a third of the longer word in edits, at least one', () => {
    expect(closestMatch('gemini-2.5-flahs', ['gemini-2.5-flash'])).toBe('gemini-2.5-flash');
    expect(closestMatch('ab', ['ax'])).toBe('ax');
    // Two edits in a two-letter word replace it: no typo (the models copy allowed 2 edits for any word).
    expect(closestMatch('x9', ['o1'])).toBeUndefined();
  });
});
