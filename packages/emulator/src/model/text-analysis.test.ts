import { describe, expect, it } from 'vitest';
import { stem } from './text-analysis.js';

describe('stem', () => {
  it('drops common suffixes so forms of one word compare equal', () => {
    expect(['reads', 'reading', 'read'].map(stem)).toEqual(['read', 'read', 'read']);
    expect(['translate', 'translates', 'stories', 'classes', 'status'].map(stem)).toEqual([
      'translat',
      'translat',
      'story',
      'class',
      'status',
    ]);
  });

  it('gives the same stem from its cache, also after the cache started over', () => {
    const words = Array.from({ length: 25_000 }, (_, index) => `walking${index.toString(36)}s`);
    const first = words.map(stem);
    expect(words.map(stem)).toEqual(first);
    expect(stem('Reading')).toBe('read');
    expect(stem('Reading')).toBe('read');
  });
});
