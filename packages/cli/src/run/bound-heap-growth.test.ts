import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './bound-heap-growth.js';

describe('a run bounds how far V8 lets the heap grow between full GCs', () => {
  it('sets --heap-growing-percent when node was given none', () => {
    expect(boundHeapGrowth([], undefined)).toBe(true);
    expect(boundHeapGrowth(['--enable-source-maps'], '--max-old-space-size=4096')).toBe(true);
  });

  it('leaves a --heap-growing-percent the user gave node alone, on the command line or in NODE_OPTIONS', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=200'], undefined)).toBe(false);
    expect(boundHeapGrowth([], '--enable-source-maps --heap_growing_percent=10')).toBe(false);
  });
});
