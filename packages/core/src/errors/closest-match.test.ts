import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance, suggestFrom } from './did-you-mean.js';

describe('did you mean', () => {
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

  it('lists the candidates when none is close', () => {
    expect(suggestFrom('xyz', ['a', 'b'])).toBe('expected one of: "a", "b"');
    expect(suggestFrom('xyz', ['a'], 'add a field')).toBe('add a field');
    expect(suggestFrom('xyz', [])).toBeUndefined();
  });
});
