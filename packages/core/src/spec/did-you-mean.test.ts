import { describe, expect, it } from 'vitest';
import { suggestFrom } from './did-you-mean.js';

describe('suggestFrom', () => {
  it('suggests the closest candidate', () => {
    expect(suggestFrom('titel', ['title', 'summary'])).toBe('did you mean "title"?');
  });

  it('lists the candidates when none is close', () => {
    expect(suggestFrom('xyz', ['a', 'b'])).toBe('expected one of: "a", "b"');
    expect(suggestFrom('xyz', ['a'], 'add a field')).toBe('add a field');
    expect(suggestFrom('xyz', [])).toBeUndefined();
  });
});
