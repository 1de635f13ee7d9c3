import { describe, expect, it } from 'vitest';
import { formatDuration, formatRetrySeconds } from './format-duration.js';

describe('formatDuration', () => {
  it('writes whole seconds bare and fractions with milliseconds, as protobuf Duration JSON', () => {
    expect(formatDuration(17_000)).toBe('17s');
    expect(formatDuration(45_837.2)).toBe('45.838s');
    expect(formatDuration(5)).toBe('0.005s');
    expect(formatDuration(-3)).toBe('0s');
  });

  it('writes the seconds of the "Please retry in" sentence without trailing zeros', () => {
    expect(formatRetrySeconds(17_338)).toBe('17.338s');
    expect(formatRetrySeconds(40_000)).toBe('40s');
  });
});
