/**
 * Diagnostic for benchmark (b)'s blind first minute: the same four contenders as gateway-rate-limit.ts,
 * each with its own emulator, stopped after a few seconds (the first minute's quota is met within them).
 * It prints, for the gateway with the quota unknown: its 200s and 429s, when each 429 came after the
 * first (the emulator's clock), and how long after the emulator's first 429 the gateway reported it
 * (its first `model-retry` event): how many requests went out while the process had not yet read a 429.
 *
 *   cd bench && NODE_OPTIONS=--conditions=@tokenflow/source npx tsx src/gateway-blind-burst.ts
 *   options: --rpm 120 --concurrency 64 --seconds 6 [--alone] (the gateway without the other contenders)
 *            [--pacing off]
 * Prints only; writes no result file.
 */
import { benchPrompts } from './shared/bench-rows.js';
import { type EmulatorProcess, startEmulatorProcess } from './shared/emulator-process.js';
import { runGateway } from './shared/gateway-contender.js';
import { runLangChain } from './shared/langchain-contender.js';
import { machineFacts, option } from './shared/machine-facts.js';
import { runPlainFetch } from './shared/plain-fetch-contender.js';

const model = 'gemini-2.5-flash-lite';
const rpm = Number(option('rpm', '120'));
const concurrency = Number(option('concurrency', '64'));
const seconds = Number(option('seconds', '6'));
const alone = process.argv.includes('--alone');
const pacing = option('pacing', 'on') !== 'off';
const prompts = benchPrompts(2 * rpm);
const faults = { [model]: { quota: { requestsPerMinute: rpm }, latency: { firstByteMs: 100 } } };

/** Counts events like any counter, and notes when the first `model-retry` (a 429 read) came. */
class RetryClock extends Map<string, number> {
  firstRetryAt = 0;
  override set(key: string, value: number): this {
    if (key === 'model-retry' && this.firstRetryAt === 0) this.firstRetryAt = Date.now();
    return super.set(key, value);
  }
}

const emulators: EmulatorProcess[] = [];
for (let i = 0; i < (alone ? 1 : 4); i += 1) emulators.push(await startEmulatorProcess(faults));
const [adaptive, known, langchain, plain] = emulators;
if (adaptive === undefined) throw new Error('no emulator started');
const signal = AbortSignal.timeout(seconds * 1000);
const events = new RetryClock();
const runs = [
  runGateway(prompts, {
    url: adaptive.url,
    model,
    concurrency,
    fallback: false,
    signal,
    eventCounts: events,
    pacing,
  }),
];
if (known && langchain && plain) {
  runs.push(runGateway(prompts, { url: known.url, model, concurrency, rpm, fallback: false, signal }));
  runs.push(runLangChain(prompts, { url: langchain.url, models: [model], concurrency, signal }));
  runs.push(runPlainFetch(prompts, { url: plain.url, models: [model], concurrency, rpm, signal }));
}
await Promise.all(runs);
const log = await adaptive.log();
for (const emulator of emulators) await emulator.close();
const ok = log.filter((entry) => entry.status === 200).length;
const limitedAt = log.filter((entry) => entry.status === 429).map((entry) => entry.time);
const first = limitedAt[0];
console.log(machineFacts());
console.log(
  `concurrency ${concurrency}${alone ? ', alone' : ''}, pacing ${pacing ? 'on' : 'off'}: ${ok} 200s, ${limitedAt.length} 429s` +
    (first === undefined
      ? ' (the quota was not met: raise --seconds)'
      : `; 429s at +${limitedAt.map((time) => time - first).join(', +')} ms after the first; the gateway read the first ${events.firstRetryAt - first} ms after the emulator sent it`),
);
