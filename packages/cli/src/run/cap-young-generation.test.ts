import { describe, expect, it } from 'vitest';
import {
  capYoungGeneration,
  holdYoungGenerationWhileLoading,
  runYoungGenerationBytes,
  type YoungGenerationControls,
} from './cap-young-generation.js';

/** Controls whose new space the test sets and whose garbage collections the test runs. */
function fakeHeap(newSpaceBytes: number) {
  const heap = {
    newSpaceBytes,
    flags: [] as string[],
    listeners: new Set<() => void>(),
    collect() {
      for (const listener of [...heap.listeners]) listener();
    },
  };
  const controls: YoungGenerationControls = {
    newSpaceBytes: () => heap.newSpaceBytes,
    setFlags: (flags) => heap.flags.push(flags),
    afterEachGc(listener) {
      heap.listeners.add(listener);
      return () => heap.listeners.delete(listener);
    },
  };
  return { heap, controls };
}

const mb = 1024 * 1024;

describe('a run caps the young generation at 8 MB', () => {
  it('stops its growth once a collection finds it at the cap, and then stops watching', () => {
    const { heap, controls } = fakeHeap(2 * mb);
    capYoungGeneration([], undefined, controls);
    heap.collect();
    heap.newSpaceBytes = 4 * mb;
    heap.collect();
    expect(heap.flags).toEqual(['--semi-space-growth-factor=2']);
    heap.newSpaceBytes = runYoungGenerationBytes;
    heap.collect();
    expect(heap.flags).toEqual(['--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
    expect(heap.listeners.size).toBe(0);
  });

  it('stops it at once when it is already at the cap or past it, and gives V8 its own factor back at the end', () => {
    const { heap, controls } = fakeHeap(16 * mb);
    const end = capYoungGeneration([], undefined, controls);
    expect(heap.flags).toEqual(['--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
    expect(heap.listeners.size).toBe(0);
    end?.();
    end?.();
    expect(heap.flags.slice(2)).toEqual(['--semi-space-growth-factor=2']);
  });

  it('stops watching, and sets nothing, when the run ends before the cap is reached', () => {
    const { heap, controls } = fakeHeap(2 * mb);
    const stop = capYoungGeneration([], undefined, controls);
    stop?.();
    heap.newSpaceBytes = 32 * mb;
    heap.collect();
    expect(heap.flags).toEqual(['--semi-space-growth-factor=2']);
    expect(heap.listeners.size).toBe(0);
  });

  it('leaves a young-generation flag the user gave node alone, on the command line or in NODE_OPTIONS', () => {
    for (const [execArgv, nodeOptions] of [
      [['--max-semi-space-size=64'], undefined],
      [[], '--enable-source-maps --semi_space_growth_factor=4'],
      [['--min-semi-space-size=16'], undefined],
    ] as const) {
      const { heap, controls } = fakeHeap(2 * mb);
      expect(capYoungGeneration(execArgv, nodeOptions, controls)).toBeUndefined();
      heap.newSpaceBytes = 32 * mb;
      heap.collect();
      expect(heap.flags).toEqual([]);
    }
  });
});

describe('tokenflow run holds the young generation small while its modules load', () => {
  it('stops its growth before loading, for run only', () => {
    const flags: string[] = [];
    expect(
      holdYoungGenerationWhileLoading(['node', 'tokenflow', 'run', 'p.yaml'], [], undefined, (f) =>
        flags.push(f),
      ),
    ).toBe(true);
    expect(
      holdYoungGenerationWhileLoading(['node', 'tokenflow', 'ui'], [], undefined, (flag: string) =>
        flags.push(flag),
      ),
    ).toBe(false);
    expect(flags).toEqual(['--semi-space-growth-factor=1']);
  });

  it('leaves a young-generation flag the user gave node alone', () => {
    const flags: string[] = [];
    const argv = ['node', 'tokenflow', 'run', 'p.yaml'];
    expect(
      holdYoungGenerationWhileLoading(argv, ['--max-semi-space-size=64'], undefined, (flag: string) =>
        flags.push(flag),
      ),
    ).toBe(false);
    expect(
      holdYoungGenerationWhileLoading(argv, [], '--semi-space-growth-factor=3', (flag: string) =>
        flags.push(flag),
      ),
    ).toBe(false);
    expect(flags).toEqual([]);
  });
});
