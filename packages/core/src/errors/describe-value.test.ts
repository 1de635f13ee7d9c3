import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.js';
import { valueAtPath } from './value-at-path.js';

describe('describeValue', () => {
  it('names values from code in JavaScript words', () => {
    expect(describeValue('12')).toBe('"12" (string)');
    expect(describeValue([1, 2])).toBe('an array of 2 items');
    expect(describeValue({ a: 1, b: 2 })).toBe('an object with keys a, b');
    expect(describeValue(undefined)).toBe('undefined');
  });

  it('names values from a pipeline file in YAML words', () => {
    expect(describeValue('lm', 'yaml')).toBe('"lm" (a string)');
    expect(describeValue(3, 'yaml')).toBe('3 (a number)');
    expect(describeValue([1, 2], 'yaml')).toBe('a list of 2');
    expect(describeValue({ a: 1 }, 'yaml')).toBe('a mapping');
    expect(describeValue(undefined, 'yaml')).toBe('nothing');
  });

  it('cuts long strings at the same length in both vocabularies', () => {
    const long = 'x'.repeat(100);
    expect(describeValue(long)).toBe(`"${'x'.repeat(57)}..." (string)`);
    expect(describeValue(long, 'yaml')).toBe(`"${'x'.repeat(57)}..." (a string)`);
  });
});

describe('valueAtPath', () => {
  it('reads nested objects and arrays', () => {
    expect(valueAtPath({ items: [{ price: '12' }] }, ['items', 0, 'price'])).toBe('12');
    expect(valueAtPath({ items: [] }, ['items', 3, 'price'])).toBeUndefined();
  });

  it('never reads a prototype: a missing toString or __proto__ field is missing', () => {
    // The flow copy read inherited properties, so a missing `toString` field was found as "a function".
    expect(valueAtPath({}, ['toString'])).toBeUndefined();
    expect(valueAtPath({}, ['__proto__'])).toBeUndefined();
    expect(valueAtPath([1], ['length'])).toBe(1);
  });
});
