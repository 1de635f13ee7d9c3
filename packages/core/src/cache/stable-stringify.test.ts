import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-stringify.js';

describe('stableStringify', () => {
  it('sorts keys at every level and leaves undefined entries out', () => {
    expect(stableStringify({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
    expect(stableStringify([undefined])).toBe('[null]');
    expect(stableStringify(undefined)).toBe('null');
  });

  it('writes what JSON.stringify writes for toJSON values and functions, in cache keys and fingerprints alike', () => {
    // The spec's canonicalJson wrote a Date as {} and a function entry as null.
    expect(stableStringify({ at: new Date(0), run: () => 1 })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });
});
