/**
 * Gateway benchmark (a): throughput with latency only. The emulator (separate process) answers every
 * model after a fixed first-byte latency; no quota. At each concurrency, the four contenders run the
 * same rows one after the other (order rotated per level), each in a process of its own (no contender
 * inherits another's heap, garbage or compiled code) that first runs the same rows untimed `--warm-runs`
 * times (JIT, connections; the first contender also warms the emulator), and each is reported as a ratio
 * to the ideal time ceil(rows / concurrency) * latency. Why 3 warm runs: at 256 in flight every contender
 * still gained 2-5 points from its first run to its third, and the floor and the gateway under one point
 * after that (BENCHMARKS.md section 1, fourth pass); the same rows in steady state, as a long batch sees them.
 *
 * tokenflow runs as users get it, from its build (`pnpm build` first); with
 * `NODE_OPTIONS=--conditions=@tokenflow/source` it runs from source through tsx, whose keepNames wraps
 * every closure the gateway makes per call in a `__name` call (the result file says which).
 *
 *   pnpm build && pnpm --filter @tokenflow/bench bench:gateway-throughput
 *   options: --latency-ms 100 --concurrency 1,4,16,64,256 --rows-per-slot 4 --min-rows 50 --warm-runs 3 [--rpm unknown] [--pacing off]
 * The gateway is told what the emulator is: a model with no per-minute quota (`rpm: Infinity`; the catalog's
 * 4,000 RPM for the model would cap 256 in flight at 1 s). `--rpm unknown` tells it nothing instead (a blind
 * lane, paced by `adaptive.pacing` until a 429 names a quota), and `--pacing off` turns that pacing off.
 * Writes bench/results/gateway-throughput-<latency>ms.md.
 */
import { startEmulatorProcess } from './shared/emulator-process.js';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import { runContenderAlone } from './shared/run-contender-alone.js';
import { throughputContenders, throughputModel } from './shared/throughput-contenders.js';
import { writeResult } from './shared/write-result.js';

const model = throughputModel;
const pacing = option('pacing', 'on') !== 'off';
const rpmKnown = option('rpm', 'infinity') !== 'unknown';
const contenders = throughputContenders({ rpmKnown, pacing });
const fromSource = process.env.NODE_OPTIONS?.includes('@tokenflow/source') === true;

const latencyMs = Number(option('latency-ms', '100'));
const levels = option('concurrency', '1,4,16,64,256').split(',').map(Number);
const rowsPerSlot = Number(option('rows-per-slot', '4'));
const minRows = Number(option('min-rows', '50'));
const warmRuns = Number(option('warm-runs', '3'));
const facts = machineFacts();
const emulator = await startEmulatorProcess({ '*': { latency: { firstByteMs: latencyMs } } });
const rows: (string | number)[][] = [];
try {
  for (const [levelIndex, concurrency] of levels.entries()) {
    const count = Math.max(minRows, rowsPerSlot * concurrency);
    const idealSeconds = (Math.ceil(count / concurrency) * latencyMs) / 1000;
    for (const contender of rotated(contenders, levelIndex)) {
      const { seconds, cpuMs, lost } = await runContenderAlone({
        key: contender.key,
        url: emulator.url,
        concurrency,
        rows: count,
        warmRuns,
        quota: { rpmKnown, pacing },
      });
      rows.push([
        contender.name,
        concurrency,
        count,
        (count / seconds).toFixed(1),
        (concurrency / (latencyMs / 1000)).toFixed(0),
        `${((idealSeconds / seconds) * 100).toFixed(1)}%`,
        lost,
        (cpuMs / count).toFixed(2),
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

Command: \`cd bench && npx tsx src/gateway-throughput.ts --latency-ms ${latencyMs} --concurrency ${levels.join(',')} --rows-per-slot ${rowsPerSlot} --min-rows ${minRows} --warm-runs ${warmRuns}${rpmKnown ? '' : ' --rpm unknown'}${pacing ? '' : ' --pacing off'}\` (run by \`pnpm bench:gateway\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

Emulator in a separate process, \`${model}\`, first-byte latency ${latencyMs} ms, no quota. Each contender runs in a process
of its own: the same rows ${warmRuns} time(s) untimed (JIT, connections, emulator), then timed. tokenflow ran ${fromSource ? 'from source through tsx (`--conditions=@tokenflow/source`)' : 'from its build (dist)'}. Ideal = concurrency / latency;
% of ideal = (ceil(rows / concurrency) x latency) / measured time. Client CPU = CPU time of the contender's process during its timed run
(not the emulator) per row, from \`process.cpuUsage\`.

${markdownTable(['contender', 'concurrency', 'rows', 'rows/s', 'ideal rows/s', '% of ideal', 'rows lost', 'client CPU ms/row'], rows)}`,
);
