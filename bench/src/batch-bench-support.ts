/**
 * Shared pieces of the batch benchmarks (`batch-memory.ts`, `batch-resume.ts`): the emulator in its own
 * process, input generation, RSS sampling and small statistics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

/** Starts `tokenflow-emulator` in a separate process; resolves with its base URL. */
export async function startEmulatorProcess(
  extra: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tokenflow/emulator/package.json'));
  const bin = join(packageDir, 'bin', 'tokenflow-emulator.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--seed', '1', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.stdout === null) throw new Error('the emulator process has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [url] = (await once(lines, 'line')) as [string];
  return { child, url: url.trim() };
}

/** Writes `count` JSONL rows `{ id, text }` (about 120 bytes each), streaming. */
export async function writeRows(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let n = 0; n < count; n++) {
    const line = `${JSON.stringify({ id: `r${n}`, text: `Customer review ${n}: the product arrived on time and works as described, ${n % 97} stars.` })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export function rowText(n: number): string {
  return `Customer review ${n}: the product arrived on time and works as described, ${n % 97} stars.`;
}

/**
 * RSS samples against rows processed, and the least-squares slope of their second half. With
 * `node --expose-gc`, each sample also records the live heap after a full GC (`heapMb`): the figure
 * that shows a leak without the noise of when V8 chooses to collect.
 */
export class RssSampler {
  readonly samples: { rows: number; rssMb: number; heapMb?: number }[] = [];

  sample(rows: number): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    let heapMb: number | undefined;
    if (gc) {
      gc();
      heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    }
    this.samples.push({
      rows,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      ...(heapMb === undefined ? {} : { heapMb }),
    });
  }

  /** Live heap after GC (MB) at the last sample, when measured. */
  lastHeapMb(): number | undefined {
    return this.samples.at(-1)?.heapMb;
  }

  /** MB per 100k rows of the live heap after GC over the second half, when measured. */
  heapSlopeMbPer100k(): number | undefined {
    if (this.samples.some((s) => s.heapMb === undefined)) return undefined;
    return slope(this.samples.map((s) => ({ x: s.rows, y: s.heapMb as number })));
  }

  /** Peak RSS as the kernel saw it (ru_maxrss), in MB. */
  peakMb(): number {
    return process.resourceUsage().maxRSS / 1024;
  }

  /** MB per 100k rows over the second half of the samples (after warm-up). */
  slopeMbPer100k(): number {
    return slope(this.samples.map((s) => ({ x: s.rows, y: s.rssMb })));
  }
}

/** Least-squares slope of the second half of the points, per 100k of x (MB per 100k rows for memory samples). */
export function slope(points: { x: number; y: number }[]): number {
  const half = points.slice(Math.floor(points.length / 2));
  if (half.length < 2) return 0;
  const meanX = half.reduce((sum, p) => sum + p.x, 0) / half.length;
  const meanY = half.reduce((sum, p) => sum + p.y, 0) / half.length;
  let numerator = 0;
  let denominator = 0;
  for (const p of half) {
    numerator += (p.x - meanX) * (p.y - meanY);
    denominator += (p.x - meanX) ** 2;
  }
  return denominator === 0 ? 0 : (numerator / denominator) * 100_000;
}
