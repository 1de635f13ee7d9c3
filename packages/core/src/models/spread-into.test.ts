import { describe, expect, it } from 'vitest';
import { spreadInto } from './spread-into.js';

/** Keys, values, descriptors and prototype: everything a spread decides. */
function shapeOf(value: object) {
  return {
    prototype: Object.getPrototypeOf(value),
    keys: Reflect.ownKeys(value),
    descriptors: Object.getOwnPropertyDescriptors(value),
  };
}

describe('spreadInto', () => {
  it('builds what a spread builds: same keys in the same order, later sources winning in place', () => {
    const first = { a: 1, b: 2 };
    const second = { c: 3, a: 4 };
    const third = { d: { nested: true }, b: undefined };
    const spread = { ...first, ...second, ...third };
    const written: object = spreadInto(spreadInto(spreadInto({}, first), second), third);
    expect(shapeOf(written)).toEqual(shapeOf(spread));
    expect((written as typeof spread).d).toBe(third.d);
  });

  it('copies symbol keys and skips non-enumerable ones, as a spread does', () => {
    const tag = Symbol('tag');
    const source = Object.defineProperty({ [tag]: 'kept', shown: 1 }, 'hidden', {
      value: 2,
      enumerable: false,
    });
    expect(shapeOf(spreadInto({ start: 0 }, source))).toEqual(shapeOf({ start: 0, ...source }));
  });

  it('defines an own __proto__ key from parsed JSON as a property, leaving the prototype alone', () => {
    const parsed = JSON.parse('{"finishReason":"STOP","__proto__":{"polluted":true}}') as object;
    const written = spreadInto({ model: 'gemini-2.5-flash' }, parsed);
    expect(shapeOf(written)).toEqual(shapeOf({ model: 'gemini-2.5-flash', ...parsed }));
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    expect((written as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('leaves the target as it is for an undefined or null source', () => {
    const target = { a: 1 };
    expect(spreadInto(target, undefined)).toBe(target);
    expect(spreadInto(target, null)).toEqual({ a: 1 });
  });
});
