/**
 * Gateway benchmark (c): pro's daily quota runs out mid-run, under 503 bursts. Every contender gets
 * its own emulator process with the same settings: `gemini-2.5-pro` has `quota.requestsPerDay` (a
 * PerDay 429, terminal until midnight Pacific), every model answers after a fixed latency, and on a
 * shared schedule all models go through 503 bursts (`errorRates: { 503 }` raised for part of every
 * period through `setFaults`). Contenders run at the same time over the same rows, asking for pro
 * and falling back to flash, then flash-lite. Counts come from each emulator's request log.
 *
 *   pnpm --filter @tokenflow/bench bench:gateway-fallback
 *   options: --rows 400 --pro-per-day 100 --concurrency 16 --latency-ms 200 --burst-rate 0.5
 *            --burst-ms 300 --period-ms 1500 --deadline-s 120 [--append]
 * `--append` adds the run below the runs already in bench/results/gateway-fallback.md.
 */
import type { ModelFaults } from '@tokenflow/emulator';
import { benchPrompts, type RowOutcome } from './shared/bench-rows.js';
import { type EmulatorProcess, startEmulatorProcess } from './shared/emulator-process.js';
import { runGateway } from './shared/gateway-contender.js';
import { runLangChain } from './shared/langchain-contender.js';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { runPlainFetch } from './shared/plain-fetch-contender.js';
import { writeResult } from './shared/write-result.js';

const pro = 'gemini-2.5-pro';
const chain = ['gemini-2.5-flash', 'gemini-2.5-flash-lite'] as const;
const models = [pro, ...chain];
const count = Number(option('rows', '400'));
const proPerDay = Number(option('pro-per-day', '100'));
const concurrency = Number(option('concurrency', '16'));
const latencyMs = Number(option('latency-ms', '200'));
const burstRate = Number(option('burst-rate', '0.5'));
const burstMs = Number(option('burst-ms', '300'));
const periodMs = Number(option('period-ms', '1500'));
const deadlineSeconds = Number(option('deadline-s', '120'));
const prompts = benchPrompts(count);

function faults(burst: boolean): Record<string, ModelFaults> {
  const errorRates = { '503': burst ? burstRate : 0 };
  const latency = { firstByteMs: latencyMs };
  return {
    '*': { latency, errorRates },
    [pro]: { latency, errorRates, quota: { requestsPerDay: proPerDay } },
  };
}

type Run = (url: string, signal: AbortSignal) => Promise<RowOutcome[]>;
const gatewayEvents = new Map<string, number>();
const contenders: { name: string; run: Run }[] = [
  {
    name: 'tokenflow gateway (default chain)',
    run: (url, signal) =>
      runGateway(prompts, {
        url,
        model: pro,
        concurrency,
        fallback: [...chain],
        signal,
        eventCounts: gatewayEvents,
      }),
  },
  {
    name: 'LangChain .batch, `withFallbacks` (stock retries)',
    run: (url, signal) => runLangChain(prompts, { url, models, concurrency, signal }),
  },
  {
    name: 'p-queue + fetch, 7 attempts per model, then next model',
    run: (url, signal) => runPlainFetch(prompts, { url, models, concurrency, signal }),
  },
];

const facts = machineFacts();
const emulators: EmulatorProcess[] = [];
for (const _ of contenders) emulators.push(await startEmulatorProcess(faults(false)));
let burst = false;
let bursts = 0;
const toggle = async (): Promise<void> => {
  burst = !burst;
  if (burst) bursts += 1;
  await Promise.all(emulators.map((emulator) => emulator.setFaults(faults(burst))));
  timer = setTimeout(() => void toggle(), burst ? burstMs : periodMs - burstMs);
};
let timer = setTimeout(() => void toggle(), periodMs - burstMs);
const measured = await Promise.all(
  contenders.map(async (contender, index) => {
    const emulator = emulators[index] as EmulatorProcess;
    const started = performance.now();
    const outcomes = await contender.run(emulator.url, AbortSignal.timeout(deadlineSeconds * 1000));
    return { seconds: (performance.now() - started) / 1000, outcomes };
  }),
);
clearTimeout(timer);

const rows: (string | number)[][] = [];
const errors: string[] = [];
for (const [index, result] of measured.entries()) {
  const emulator = emulators[index] as EmulatorProcess;
  const log = await emulator.log();
  const stats = await emulator.stats();
  await emulator.close();
  const served = (model: string) =>
    log.filter((entry) => entry.model === model && entry.status === 200).length;
  const firstExhausted = log.find((entry) => entry.model === pro && entry.status === 429)?.time;
  const proAfter = (graceMs: number) =>
    firstExhausted === undefined
      ? 0
      : log.filter((entry) => entry.model === pro && entry.time > firstExhausted + graceMs).length;
  const lost = result.outcomes.filter((outcome) => !outcome.ok);
  const name = contenders[index]?.name ?? '';
  const share = (model: string) => `${served(model)} (${((served(model) / count) * 100).toFixed(0)}%)`;
  rows.push([
    name,
    result.seconds.toFixed(1),
    share(pro),
    share(chain[0]),
    share(chain[1]),
    proAfter(0),
    proAfter(1000),
    stats.faults['503'] ?? 0,
    lost.length,
  ]);
  const reasons = new Map<string, number>();
  for (const outcome of lost) reasons.set(outcome.error ?? '', (reasons.get(outcome.error ?? '') ?? 0) + 1);
  for (const [reason, times] of reasons) errors.push(`- ${name}: ${times} x \`${reason}\``);
}
await writeResult(
  'gateway-fallback',
  `# Pro's daily quota running out mid-run, with 503 bursts

Command: \`cd bench && npx tsx src/gateway-fallback.ts --rows ${count} --pro-per-day ${proPerDay} --concurrency ${concurrency} --latency-ms ${latencyMs} --burst-rate ${burstRate} --burst-ms ${burstMs} --period-ms ${periodMs} --deadline-s ${deadlineSeconds}\` (run by \`pnpm bench:gateway\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

${count} rows asking for \`${pro}\` (fallback: ${chain.join(' -> ')}), concurrency ${concurrency}, first-byte latency ${latencyMs} ms
on every model. Pro allows ${proPerDay} requests per day (then a PerDay 429 with RetryInfo until midnight Pacific).
Every ${periodMs} ms, all models answer 503 with probability ${burstRate} for ${burstMs} ms (${bursts} bursts in this run).
One emulator process per contender, all run at once, a row not done after ${deadlineSeconds} s counts as lost.
"pro after exhaustion" = pro requests the emulator received after it answered the first PerDay 429 (requests already
in flight then are included; the "> 1 s later" column leaves them out).

${markdownTable(['contender', 'completion s', 'rows on pro', 'rows on flash', 'rows on flash-lite', 'pro requests after exhaustion', 'of which > 1 s later', '503s injected', 'rows lost'], rows)}

${errors.length === 0 ? 'No row was lost.' : `Why rows were lost:\n\n${errors.join('\n')}`}

Gateway events in this run: ${[...gatewayEvents].map(([type, times]) => `${type} ${times}`).join(', ')}.`,
);
