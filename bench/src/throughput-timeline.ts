/**
 * Where a throughput contender's time goes at many calls in flight: each request's life as undici reports
 * it on its diagnostics channels (created, headers written, answer head, answer end), per wave of
 * `concurrency` requests. Every undici-based contender (the gateway, LangChain's client, the floor) is
 * seen the same way, with no change to its code. One contender per process (this one), after the same
 * untimed warm runs as gateway-throughput.ts.
 *
 *   pnpm build && cd bench && npx tsx src/throughput-timeline.ts --contender gateway --latency-ms 1000 --concurrency 256
 *   contenders: gateway, undici (the floor), langchain, fetch (fetch runs on undici too)
 *
 * What the columns say: "sent spread" is how long a wave of requests took to go out (the client's work
 * between answers and the next requests); "head spread" how long the server took to answer the whole
 * wave (the emulator's work per request, on the same 2 cores, widens it); the run ends with the last
 * wave's last head, so every millisecond of spread that carries over to the next wave is lost throughput.
 */
import diagnostics from 'node:diagnostics_channel';
import { benchPrompts } from './shared/bench-rows.js';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { throughputContenders } from './shared/throughput-contenders.js';

const key = option('contender', 'gateway');
const latencyMs = Number(option('latency-ms', '1000'));
const concurrency = Number(option('concurrency', '256'));
const rows = Number(option('rows', String(4 * concurrency)));
const warmRuns = Number(option('warm-runs', '3'));
const contender = throughputContenders({ rpmKnown: true, pacing: true }).find(
  (candidate) => candidate.key === key,
);
if (!contender) throw new Error(`--contender must be gateway, undici, langchain or fetch, got ${key}`);

/** When each request reached each point, in the order undici reported them (ms, performance.now()). */
interface Moments {
  created: number[];
  written: number[];
  head: number[];
  end: number[];
}
let moments: Moments | undefined;
const record = (field: keyof Moments) => () => moments?.[field].push(performance.now());
diagnostics.subscribe('undici:request:create', record('created'));
diagnostics.subscribe('undici:client:sendHeaders', record('written'));
diagnostics.subscribe('undici:request:headers', record('head'));
diagnostics.subscribe('undici:request:trailers', record('end'));

console.log(machineFacts());
const emulator = await startEmulatorProcess({ '*': { latency: { firstByteMs: latencyMs } } });
const prompts = benchPrompts(rows);
let seconds: number;
let started: number;
const seen: Moments = { created: [], written: [], head: [], end: [] };
try {
  for (let run = 0; run < warmRuns; run += 1) {
    await contender.run(prompts, emulator.url, concurrency, AbortSignal.timeout(120_000));
  }
  moments = seen;
  started = performance.now();
  await contender.run(prompts, emulator.url, concurrency, AbortSignal.timeout(120_000));
  seconds = (performance.now() - started) / 1000;
  moments = undefined;
} finally {
  await emulator.close();
}

const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) => ascending(values)[Math.floor(q * (values.length - 1))] ?? 0;
const ms = (value: number) => value.toFixed(1);
const written = ascending(seen.written);
const head = ascending(seen.head);
const created = ascending(seen.created);
const end = ascending(seen.end);
// The k-th answer head belongs, near enough, to the k-th request written (the server answers in order).
const serverMs = head.map((time, index) => time - (written[index] ?? time));
const createdToWritten = created.map((time, index) => (written[index] ?? time) - time);
const waves: string[][] = [];
for (let first = 0; first < written.length; first += concurrency) {
  const wave = written.slice(first, first + concurrency);
  const heads = head.slice(first, first + concurrency);
  waves.push([
    String(waves.length + 1),
    ms((wave[0] ?? 0) - started),
    ms((wave.at(-1) ?? 0) - (wave[0] ?? 0)),
    ms((heads[0] ?? 0) - started),
    ms((heads.at(-1) ?? 0) - (heads[0] ?? 0)),
  ]);
}
const idealSeconds = (Math.ceil(rows / concurrency) * latencyMs) / 1000;
console.log(
  `\n${contender.name}: ${rows} rows at ${concurrency} in flight, latency ${latencyMs} ms: ${seconds.toFixed(3)} s, ${((idealSeconds / seconds) * 100).toFixed(1)}% of ideal (${warmRuns} warm runs first; ${end.length} answers ended)\n`,
);
console.log(
  markdownTable(
    ['wave', 'first written (ms)', 'sent spread (ms)', 'first head (ms)', 'head spread (ms)'],
    waves,
  ),
);
console.log(
  `\nrequest created -> headers written: p50 ${ms(quantile(createdToWritten, 0.5))}, p90 ${ms(quantile(createdToWritten, 0.9))}, max ${ms(quantile(createdToWritten, 1))} ms`,
);
console.log(
  `written -> answer head (the server's latency plus its queue): p50 ${ms(quantile(serverMs, 0.5))}, p90 ${ms(quantile(serverMs, 0.9))}, max ${ms(quantile(serverMs, 1))} ms`,
);
