import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { nodeFlagGiven } from './node-flag-given.js';

/** The young generation (V8's new space: two semi-spaces) a run lets V8 grow to, in bytes. */
export const runYoungGenerationBytes = 8 * 1024 * 1024;

/** What {@link capYoungGeneration} reads and sets; tests pass their own. */
export interface YoungGenerationControls {
  /** The new space's size now, in bytes. */
  newSpaceBytes(): number;
  /** Sets V8 flags (`v8.setFlagsFromString`). */
  setFlags(flags: string): void;
  /** Calls `listener` after every garbage collection; returns what stops that. */
  afterEachGc(listener: () => void): () => void;
}

const nodeControls: YoungGenerationControls = {
  newSpaceBytes: () =>
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
  setFlags: setFlagsFromString,
  afterEachGc(listener) {
    const observer = new PerformanceObserver(listener);
    observer.observe({ entryTypes: ['gc'] });
    return () => observer.disconnect();
  },
};

/**
 * Stops V8's young generation from growing past {@link runYoungGenerationBytes} (8 MB) during a
 * `tokenflow run`, where V8 would grow it to 32 MB. Why: a row's garbage dies young (an HTTP exchange, a
 * parsed answer, a row record), so a larger young generation saves little work and only holds more
 * memory; measured on a 1M-row run it was ~24 MB of a ~205 MB peak RSS (BENCHMARKS.md section 10).
 *
 * `--max-semi-space-size` would say it directly, but V8 reads it only when node starts; the growth factor
 * of the young generation is read each time it grows, so this sets it to 1 (no more growth) once the young
 * generation has reached the cap, checked after each garbage collection. A growth that lands between two
 * checks may take it one step further (16 MB) before it stops. A young-generation flag the user gave node
 * (`NODE_OPTIONS` or the command line) wins, and then this does nothing. Returns what ends the cap when
 * the run ends (it stops watching and gives V8 back its own growth factor; idempotent), or undefined when
 * it did nothing.
 */
export function capYoungGeneration(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  controls: YoungGenerationControls = nodeControls,
): (() => void) | undefined {
  if (userSizedYoungGeneration(execArgv, nodeOptions)) return undefined;
  // Let it grow (it may have been held small while the modules loaded) until it reaches the cap.
  controls.setFlags(`--semi-space-growth-factor=${v8DefaultGrowthFactor}`);
  let capped = false;
  const reachedCap = (): boolean => {
    if (controls.newSpaceBytes() < runYoungGenerationBytes) return false;
    controls.setFlags('--semi-space-growth-factor=1');
    capped = true;
    return true;
  };
  let stopWatching: (() => void) | undefined;
  const stopWatchingOnce = (): void => {
    stopWatching?.();
    stopWatching = undefined;
  };
  if (!reachedCap()) {
    stopWatching = controls.afterEachGc(() => {
      if (reachedCap()) stopWatchingOnce();
    });
  }
  return () => {
    stopWatchingOnce();
    // The run is over: V8's own growth factor again (it matters when the run shared its process).
    if (capped) controls.setFlags(`--semi-space-growth-factor=${v8DefaultGrowthFactor}`);
    capped = false;
  };
}

/** V8's default `--semi-space-growth-factor`. */
const v8DefaultGrowthFactor = 2;

/**
 * Called by `bin/tokenflow.js` before it loads the CLI: for `tokenflow run`, holds the young generation at
 * its starting size (2 MB) while the modules load, since V8 never shrinks it during a busy run and loading
 * alone grows it to 32 MB; {@link capYoungGeneration} then lets it grow to the cap when the run starts.
 * Returns whether it did (not for other commands, nor when the user sized the young generation).
 */
export function holdYoungGenerationWhileLoading(
  argv: readonly string[] = process.argv,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (argv[2] !== 'run' || userSizedYoungGeneration(execArgv, nodeOptions)) return false;
  setFlags('--semi-space-growth-factor=1');
  return true;
}

/** Whether node was given a young-generation flag (on the command line or in `NODE_OPTIONS`). */
function userSizedYoungGeneration(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return nodeFlagGiven(
    /^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/,
    execArgv,
    nodeOptions,
  );
}
