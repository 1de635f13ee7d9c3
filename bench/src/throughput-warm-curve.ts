/**
 * How many untimed runs a throughput contender needs before its figure settles: each contender, in a
 * process of its own, runs the same rows `--runs` times back to back against one emulator, and every run's
 * % of ideal is printed. Why gateway-throughput.ts warms each contender up with 3 runs (BENCHMARKS.md
 * section 1, issue #12's fourth pass).
 *
 *   pnpm build && cd bench && npx tsx src/throughput-warm-curve.ts --latency-ms 1000 --concurrency 256 --runs 6
 */
import { startEmulatorProcess } from './shared/emulator-process.js';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { runContenderAlone } from './shared/run-contender-alone.js';
import { throughputContenders } from './shared/throughput-contenders.js';

const latencyMs = Number(option('latency-ms', '1000'));
const concurrency = Number(option('concurrency', '256'));
const rows = Number(option('rows', String(4 * concurrency)));
const runs = Number(option('runs', '6'));
const quota = { rpmKnown: true, pacing: true };
const idealSeconds = (Math.ceil(rows / concurrency) * latencyMs) / 1000;
const percent = (seconds: number) => `${((idealSeconds / seconds) * 100).toFixed(1)}%`;

console.log(machineFacts());
const emulator = await startEmulatorProcess({ '*': { latency: { firstByteMs: latencyMs } } });
const table: string[][] = [];
try {
  for (const contender of throughputContenders(quota)) {
    const result = await runContenderAlone({
      key: contender.key,
      url: emulator.url,
      concurrency,
      rows,
      warmRuns: runs - 1,
      quota,
    });
    table.push([contender.name, ...result.warmSeconds.map(percent), percent(result.seconds)]);
  }
} finally {
  await emulator.close();
}
console.log(
  markdownTable(
    ['contender (own process)', ...Array.from({ length: runs }, (_, run) => `run ${run + 1}`)],
    table,
  ),
);
