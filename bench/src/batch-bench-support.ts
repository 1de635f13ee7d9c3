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

/** RSS samples against rows processed, and the least-squares slope of their second half. */
export class RssSampler {
  readonly samples: { rows: number; rssMb: number }[] = [];

  sample(rows: number): void {
    this.samples.push({ rows, rssMb: process.memoryUsage().rss / 1024 / 1024 });
  }

  /** Peak RSS as the kernel saw it (ru_maxrss), in MB. */
  peakMb(): number {
    return process.resourceUsage().maxRSS / 1024;
  }

  /** MB per 100k rows over the second half of the samples (after warm-up). */
  slopeMbPer100k(): number {
    const half = this.samples.slice(Math.floor(this.samples.length / 2));
    if (half.length < 2) return 0;
    const meanX = half.reduce((sum, s) => sum + s.rows, 0) / half.length;
    const meanY = half.reduce((sum, s) => sum + s.rssMb, 0) / half.length;
    let numerator = 0;
    let denominator = 0;
    for (const s of half) {
      numerator += (s.rows - meanX) * (s.rssMb - meanY);
      denominator += (s.rows - meanX) ** 2;
    }
    return denominator === 0 ? 0 : (numerator / denominator) * 100_000;
  }
}
