/**
 * `pnpm bench`: runs the benchmarks one after another, each in its own process (so one's sockets,
 * timers and heap never touch the next), each writing its table to bench/results/.
 *
 *   pnpm bench                                   emulator, gateway and flow groups
 *   pnpm bench -- --only gateway,flow            some groups
 *   pnpm bench -- --only batch                   the batch benchmarks (long: their own default sizes)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { option } from './shared/machine-facts.js';

const benchmarks: { group: string; file: string; args: string[] }[] = [
  { group: 'emulator', file: 'emulator-throughput.ts', args: [] },
  { group: 'gateway', file: 'gateway-throughput.ts', args: ['--latency-ms', '100'] },
  { group: 'gateway', file: 'gateway-throughput.ts', args: ['--latency-ms', '1000', '--min-rows', '10'] },
  { group: 'gateway', file: 'gateway-rate-limit.ts', args: [] },
  { group: 'gateway', file: 'gateway-fallback.ts', args: [] },
  { group: 'gateway', file: 'gateway-overhead.ts', args: [] },
  { group: 'flow', file: 'flow-overhead.ts', args: [] },
  { group: 'batch', file: 'batch-memory.ts', args: [] },
  { group: 'batch', file: 'batch-resume.ts', args: [] },
];

const groups = new Set(option('only', 'emulator,gateway,flow').split(','));
let failed = 0;
for (const benchmark of benchmarks) {
  if (!groups.has(benchmark.group)) continue;
  const path = fileURLToPath(new URL(`./${benchmark.file}`, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n== ${benchmark.file} ${benchmark.args.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path, ...benchmark.args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${benchmark.file} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
