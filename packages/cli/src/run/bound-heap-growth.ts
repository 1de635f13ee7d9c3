import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nodeFlagGiven } from './node-flag-given.js';

/** How far V8 may let the old generation grow past what the last full GC left alive, in percent. */
export const runHeapGrowingPercent = 20;

/**
 * Lets the heap of a `tokenflow run` grow to 1.2x its live size between full GCs instead of V8's
 * default of up to 4x. Why: a batch keeps little alive (a bounded window of rows: ~30 MB of heap in
 * all, flat from the first row to the millionth), but every row allocates a lot that outlives a
 * young-generation GC and is promoted (measured: 20-30 KB per row, ~70% of what survives a scavenge;
 * a bare `fetch` alone promotes ~18 KB), so the old generation fills with garbage and V8, tuned for
 * throughput, lets it reach 4-5x the live heap: 250-550 MB of RSS for ~30-60 MB alive. With 1.2x,
 * full GCs of that small heap come more often (they are cheap: little is alive, and marking runs
 * concurrently) and RSS stays flat. V8 reads the flag at each full GC, so setting it at run time works;
 * a `--heap-growing-percent` the user gave node (`NODE_OPTIONS` or the command line) wins, and then
 * this does nothing.
 *
 * The factor only applies from the first full GC on: before it, V8 lets the old generation grow to a
 * fixed initial limit, and a batch allocates fast enough to reach ~95 MB of old generation (+50 MB of
 * RSS, the run's peak) in its first seconds. So this runs one full GC now, at the start of the run,
 * once the modules are loaded: a few tens of milliseconds that set the limit from what is really alive.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  if (nodeFlagGiven(/^--heap[-_]growing[-_]percent\b/, execArgv, nodeOptions)) return false;
  setFlagsFromString(`--heap-growing-percent=${runHeapGrowingPercent}`);
  collectGarbageOnce();
  return true;
}

/** One full GC, without exposing `gc` to the program: only a throwaway context sees it. */
function collectGarbageOnce(): void {
  const exposed = process.execArgv.includes('--expose-gc') || process.execArgv.includes('--expose_gc');
  if (!exposed) setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (!exposed) setFlagsFromString('--no-expose-gc');
  gc?.();
}
