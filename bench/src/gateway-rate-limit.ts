/**
 * Gateway benchmark (b): RPM-limited goodput with real Gemini 429 bodies. Each contender gets its own
 * emulator process with the same settings (the model's `quota.requestsPerMinute`, a sliding 60 s
 * window answering 429 RESOURCE_EXHAUSTED with RetryInfo in the body and no Retry-After header, plus a
 * fixed first-byte latency) and the same rows; the contenders run at the same time, so each quota is
 * its own and the run lasts about as long as the slowest one. Counts come from each emulator's own log.
 *
 *   pnpm --filter @tokenflow/bench bench:gateway-rate-limit
 *   options: --rpm 120 --rows 240 --concurrency 16 --latency-ms 100 --deadline-s 150 [--append]
 * Results go to bench/results/gateway-rate-limit.md (concurrency 16) or gateway-rate-limit-c<N>.md;
 * `--append` adds the run below the runs already there.
 */
import { benchPrompts, type RowOutcome } from './shared/bench-rows.js';
import { type EmulatorProcess, startEmulatorProcess } from './shared/emulator-process.js';
import { runGateway } from './shared/gateway-contender.js';
import { runLangChain } from './shared/langchain-contender.js';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { runPlainFetch } from './shared/plain-fetch-contender.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const rpm = Number(option('rpm', '120'));
const count = Number(option('rows', '240'));
const concurrency = Number(option('concurrency', '16'));
const latencyMs = Number(option('latency-ms', '100'));
const deadlineSeconds = Number(option('deadline-s', '150'));
const prompts = benchPrompts(count);

type Run = (url: string, signal: AbortSignal) => Promise<RowOutcome[]>;
const knownEvents = new Map<string, number>();
const adaptiveEvents = new Map<string, number>();
const contenders: { name: string; run: Run }[] = [
  {
    name: 'tokenflow gateway, `limits: { rpm }` known',
    run: (url, signal) =>
      runGateway(prompts, {
        url,
        model,
        concurrency,
        rpm,
        fallback: false,
        signal,
        eventCounts: knownEvents,
      }),
  },
  {
    name: 'tokenflow gateway, adaptive only (quota unknown)',
    run: (url, signal) =>
      runGateway(prompts, { url, model, concurrency, fallback: false, signal, eventCounts: adaptiveEvents }),
  },
  {
    name: 'LangChain .batch (stock retries)',
    run: (url, signal) => runLangChain(prompts, { url, models: [model], concurrency, signal }),
  },
  {
    name: 'p-queue (intervalCap = RPM / 60 s) + fetch, 7 attempts',
    run: (url, signal) => runPlainFetch(prompts, { url, models: [model], concurrency, rpm, signal }),
  },
];

interface Measured {
  seconds: number;
  outcomes: RowOutcome[];
  emulator: EmulatorProcess;
}

async function measure(run: Run): Promise<Measured> {
  const emulator = await startEmulatorProcess({
    [model]: { quota: { requestsPerMinute: rpm }, latency: { firstByteMs: latencyMs } },
  });
  const signal = AbortSignal.timeout(deadlineSeconds * 1000);
  const started = performance.now();
  const outcomes = await run(emulator.url, signal);
  return { seconds: (performance.now() - started) / 1000, outcomes, emulator };
}

const facts = machineFacts();
const measured = await Promise.all(contenders.map((contender) => measure(contender.run)));
const formulaIdeal = count / (rpm / 60);
const windowIdeal = Math.floor((count - 1) / rpm) * 60 + latencyMs / 1000;
const rows: (string | number)[][] = [];
const errors: string[] = [];
for (const [index, result] of measured.entries()) {
  const log = await result.emulator.log();
  await result.emulator.close();
  const ok = log.filter((entry) => entry.status === 200).length;
  const limitedAt = log.filter((entry) => entry.status === 429).map((entry) => entry.time);
  const limited = limitedAt.length;
  // 429s well after the first one: the quota was known by then (configured, or learned from the first 429).
  const firstLimited = Math.min(...limitedAt);
  const lateLimited = limitedAt.filter((time) => time > firstLimited + 10_000).length;
  const lost = result.outcomes.filter((outcome) => !outcome.ok);
  const name = contenders[index]?.name ?? '';
  rows.push([
    name,
    result.seconds.toFixed(1),
    `${((windowIdeal / result.seconds) * 100).toFixed(0)}%`,
    `${((formulaIdeal / result.seconds) * 100).toFixed(0)}%`,
    ok,
    limited,
    `${((limited / Math.max(1, ok)) * 100).toFixed(1)}%`,
    lateLimited,
    lost.length,
  ]);
  const reasons = new Map<string, number>();
  for (const outcome of lost) reasons.set(outcome.error ?? '', (reasons.get(outcome.error ?? '') ?? 0) + 1);
  for (const [reason, times] of reasons) errors.push(`- ${name}: ${times} x \`${reason}\``);
}
await writeResult(
  concurrency === 16 ? 'gateway-rate-limit' : `gateway-rate-limit-c${concurrency}`,
  `# Gateway goodput under an RPM quota (real 429 bodies)

Command: \`cd bench && npx tsx src/gateway-rate-limit.ts --rpm ${rpm} --rows ${count} --concurrency ${concurrency} --latency-ms ${latencyMs} --deadline-s ${deadlineSeconds}\` (run by \`pnpm bench:gateway\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

\`${model}\` with \`quota.requestsPerMinute: ${rpm}\` (sliding 60 s window; 429 with QuotaFailure + RetryInfo in the
body, no Retry-After header), first-byte latency ${latencyMs} ms; ${count} rows; concurrency ${concurrency} for every
contender; one emulator process per contender, all four run at once; a row not done after ${deadlineSeconds} s counts
as lost. Ideal by the formula rows / (RPM / 60) = ${formulaIdeal.toFixed(1)} s; a sliding window admits ${rpm} at once, so
the true floor is floor((rows - 1) / RPM) x 60 s + latency = ${windowIdeal.toFixed(1)} s. 200s and 429s are the emulator's counts;
"429s > 10 s after the first" leaves out the first burst of 429s, when a gateway that was not told the quota meets it.

${markdownTable(['contender', 'completion s', '% of window floor', '% of formula ideal', '200s', '429s', '429s per success', '429s > 10 s after the first', 'rows lost'], rows)}

${errors.length === 0 ? 'No row was lost.' : `Why rows were lost:\n\n${errors.join('\n')}`}

Gateway events: rpm known: ${[...knownEvents].map(([type, times]) => `${type} ${times}`).join(', ')}; adaptive only: ${[...adaptiveEvents].map(([type, times]) => `${type} ${times}`).join(', ')}.`,
);
