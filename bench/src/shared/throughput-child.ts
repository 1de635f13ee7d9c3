/**
 * One contender of the throughput benchmark, alone in its process: `warm runs` untimed runs of the same
 * rows, then the timed run. Prints one JSON line: `{ seconds, cpuMs, lost, warmSeconds }` (the time of
 * each warm run too, for the warm-up curve: throughput-warm-curve.ts).
 *
 *   node --import tsx throughput-child.ts <contender key> <emulator url> <concurrency> <rows> <rpm known> <pacing> <warm runs>
 */
import { benchPrompts } from './bench-rows.js';
import { throughputContenders } from './throughput-contenders.js';

const [key, url, concurrencyText, rowsText, rpmKnown, pacing, warmRunsText] = process.argv.slice(2);
const contender = throughputContenders({ rpmKnown: rpmKnown === 'true', pacing: pacing === 'true' }).find(
  (candidate) => candidate.key === key,
);
if (!contender || !url) throw new Error(`Expected a contender key and an emulator URL, got ${key} ${url}`);
const concurrency = Number(concurrencyText);
const prompts = benchPrompts(Number(rowsText));
// Warm runs (untimed): the same rows, so the timed run pays no first-use cost (JIT, one socket per slot).
const warmSeconds: number[] = [];
for (let run = 0; run < Number(warmRunsText ?? '1'); run += 1) {
  const warmStarted = performance.now();
  await contender.run(prompts, url, concurrency, AbortSignal.timeout(120_000));
  warmSeconds.push((performance.now() - warmStarted) / 1000);
}
const cpuBefore = process.cpuUsage();
const started = performance.now();
const outcomes = await contender.run(prompts, url, concurrency, AbortSignal.timeout(120_000));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const lost = outcomes.filter((outcome) => !outcome.ok).length;
process.stdout.write(
  `${JSON.stringify({ seconds, cpuMs: (cpu.user + cpu.system) / 1000, lost, warmSeconds })}\n`,
);
