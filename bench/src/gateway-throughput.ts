/**
 * Gateway benchmark (a): throughput with latency only. The emulator (separate process) answers every
 * model after a fixed first-byte latency; no quota. At each concurrency, the four contenders run the
 * same rows one after the other (order rotated per level), after an untimed warm pass in which each of them
 * runs the same rows once (JIT, connections and the emulator are warm before any run is timed), and each
 * is reported as a ratio to the ideal time ceil(rows / concurrency) * latency.
 *
 *   pnpm --filter @tokenflow/bench bench:gateway-throughput
 *   options: --latency-ms 100 --concurrency 1,4,16,64,256 --rows-per-slot 4 --min-rows 50 [--rpm unknown] [--pacing off]
 * The gateway is told what the emulator is: a model with no per-minute quota (`rpm: Infinity`; the catalog's
 * 4,000 RPM for the model would cap 256 in flight at 1 s). `--rpm unknown` tells it nothing instead (a blind
 * lane, paced by `adaptive.pacing` until a 429 names a quota), and `--pacing off` turns that pacing off.
 * Writes bench/results/gateway-throughput-<latency>ms.md.
 */
import { benchPrompts, type RowOutcome } from './shared/bench-rows.js';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { runGateway } from './shared/gateway-contender.js';
import { runLangChain } from './shared/langchain-contender.js';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import { runPlainFetch } from './shared/plain-fetch-contender.js';
import { runPlainUndici } from './shared/plain-undici-contender.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const pacing = option('pacing', 'on') !== 'off';
const rpmKnown = option('rpm', 'infinity') !== 'unknown';
const gatewayName = rpmKnown
  ? 'tokenflow gateway (rpm: Infinity)'
  : `tokenflow gateway (rpm unknown${pacing ? '' : ', pacing off'})`;
type Run = (
  prompts: string[],
  url: string,
  concurrency: number,
  signal: AbortSignal,
) => Promise<RowOutcome[]>;
const contenders: { name: string; run: Run }[] = [
  {
    name: gatewayName,
    run: (prompts, url, concurrency, signal) =>
      runGateway(prompts, {
        url,
        model,
        concurrency,
        fallback: false,
        signal,
        pacing,
        ...(rpmKnown ? { rpm: Number.POSITIVE_INFINITY } : {}),
      }),
  },
  {
    name: 'LangChain .batch',
    run: (prompts, url, concurrency, signal) =>
      runLangChain(prompts, { url, models: [model], concurrency, signal }),
  },
  {
    name: 'p-queue + fetch',
    run: (prompts, url, concurrency, signal) =>
      runPlainFetch(prompts, { url, models: [model], concurrency, signal }),
  },
  {
    name: 'p-queue + undici request (floor: no retries, no checks)',
    run: (prompts, url, concurrency) => runPlainUndici(prompts, { url, model, concurrency }),
  },
];

const latencyMs = Number(option('latency-ms', '100'));
const levels = option('concurrency', '1,4,16,64,256').split(',').map(Number);
const rowsPerSlot = Number(option('rows-per-slot', '4'));
const minRows = Number(option('min-rows', '50'));
const facts = machineFacts();
const emulator = await startEmulatorProcess({ '*': { latency: { firstByteMs: latencyMs } } });
const rows: (string | number)[][] = [];
try {
  for (const [levelIndex, concurrency] of levels.entries()) {
    const count = Math.max(minRows, rowsPerSlot * concurrency);
    const prompts = benchPrompts(count);
    const idealSeconds = (Math.ceil(count / concurrency) * latencyMs) / 1000;
    const order = rotated(contenders, levelIndex);
    // Warm pass (untimed): every contender runs the level's whole workload once before any is timed, so no
    // timed run pays first-use costs (JIT, one socket per slot) or meets a cold emulator: measured with
    // only a one-row-per-slot warm-up of its own, whichever contender ran first lost 2-5 points at 256 in
    // flight (BENCHMARKS.md section 1, series C).
    for (const contender of order) {
      await contender.run(prompts, emulator.url, concurrency, AbortSignal.timeout(120_000));
    }
    for (const contender of order) {
      const signal = AbortSignal.timeout(120_000);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const outcomes = await contender.run(prompts, emulator.url, concurrency, signal);
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const lost = outcomes.filter((outcome) => !outcome.ok).length;
      rows.push([
        contender.name,
        concurrency,
        count,
        (count / seconds).toFixed(1),
        (concurrency / (latencyMs / 1000)).toFixed(0),
        `${((idealSeconds / seconds) * 100).toFixed(1)}%`,
        lost,
        ((cpu.user + cpu.system) / 1000 / count).toFixed(2),
      ]);
      console.error(`done: ${rows.at(-1)?.join(' | ')}`);
    }
  }
} finally {
  await emulator.close();
}
rows.sort((a, b) => Number(a[1]) - Number(b[1]) || String(a[0]).localeCompare(String(b[0])));
await writeResult(
  `gateway-throughput-${latencyMs}ms`,
  `# Gateway throughput, latency only

Command: \`cd bench && npx tsx src/gateway-throughput.ts --latency-ms ${latencyMs} --concurrency ${levels.join(',')} --rows-per-slot ${rowsPerSlot} --min-rows ${minRows}${rpmKnown ? '' : ' --rpm unknown'}${pacing ? '' : ' --pacing off'}\` (run by \`pnpm bench:gateway\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

Emulator in a separate process, \`${model}\`, first-byte latency ${latencyMs} ms, no quota. Before any run is timed, every
contender runs the same rows once, untimed (warm pass: JIT, connections, emulator). Ideal = concurrency / latency;
% of ideal = (ceil(rows / concurrency) x latency) / measured time. Client CPU = CPU time of the benchmark process
(not the emulator) per row, from \`process.cpuUsage\`.

${markdownTable(['contender', 'concurrency', 'rows', 'rows/s', 'ideal rows/s', '% of ideal', 'rows lost', 'client CPU ms/row'], rows)}`,
);
