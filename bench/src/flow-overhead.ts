/**
 * Flow overhead: CPU per step of a 3-step pipeline beyond the model call. tokenflow's DSL
 * (`step` -> `llm` -> `step`) against two LangChain `RunnableSequence`s doing the same work: the usual one
 * (a lambda, then PromptTemplate -> model -> StringOutputParser, then a lambda) and a lambda-only one
 * (a lambda that trims and builds the prompt, the model, a lambda that wraps the answer). Every contender calls the **same** in-process
 * chat model (no HTTP: a round trip's CPU varies by more than what the frameworks add), and the model
 * call alone (`model.invoke(prompt)`) runs in the same rounds as a baseline.
 *
 * How it measures: every contender first runs `--warmup` times (so V8 has optimised all of them), then
 * `--rounds` rounds, each running every contender `--runs / --rounds` times in a row, in an order that
 * rotates from round to round. CPU is `process.cpuUsage()` (user + system) of this process around each
 * block, so time other processes take on a shared machine is not counted. A contender's overhead in a
 * round is its CPU per run minus the model call's in the same round; the figure reported is the median
 * over the rounds (a round hit by a major GC or a burst of load on the other core does not move it), with
 * the mean over all runs beside it.
 *
 *   pnpm --filter @tokenflow/bench bench:flow
 *   options: --runs 20000 --rounds 40 --warmup 3000 [--append]
 *   one contender alone, for --cpu-prof: --only tokenflow|tokenflow-no-telemetry|sequence|lambdas|model --runs 50000
 */
import type { AIMessage } from '@langchain/core/messages';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import type { ModelProvider } from '@tokenflow/core/flow';
import { FakeSummaryModel } from './shared/fake-summary-model.js';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import {
  finishSummary,
  summarizePipeline,
  summarizePrompt,
  summarizeSequence,
} from './shared/summarize-task.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const runs = Number(option('runs', '20000'));
const rounds = Number(option('rounds', '40'));
const warmup = Number(option('warmup', '3000'));
const only = option('only', '');
const facts = machineFacts();

const chat = new FakeSummaryModel(model);
const models: ModelProvider = { chatModel: () => chat };
const textOf = (message: AIMessage) => (typeof message.content === 'string' ? message.content : message.text);

const tokenflowPipeline = summarizePipeline(model);
const sequence = summarizeSequence(chat);
// The leanest lambda-only arrangement measured (fewest runnables): trim and prompt; the model; the answer's
// text wrapped. A lambda per tokenflow step (trim; prompt and model call inside a lambda; wrap) cost
// LangChain more, and so did the model as its own runnable between four or five lambdas.
const lambdas = RunnableSequence.from([
  RunnableLambda.from(({ text }: { text: string }) => summarizePrompt(text.trim())),
  chat,
  RunnableLambda.from((message: AIMessage) => finishSummary(textOf(message))),
]);

interface Contender {
  key: string;
  name: string;
  run: (text: string) => Promise<unknown>;
}
const contenders: Contender[] = [
  {
    key: 'model',
    name: 'model call alone (model.invoke)',
    run: (text) => chat.invoke(summarizePrompt(text)),
  },
  {
    key: 'tokenflow',
    name: 'tokenflow pipeline (step, llm, step)',
    run: (text) => tokenflowPipeline.run({ text }, { models }),
  },
  {
    key: 'tokenflow-no-telemetry',
    name: 'tokenflow pipeline, telemetry: false',
    run: (text) => tokenflowPipeline.run({ text }, { models, telemetry: false }),
  },
  {
    key: 'sequence',
    name: 'RunnableSequence (lambda, PromptTemplate, model, StringOutputParser, lambda)',
    run: (text) => sequence.invoke({ text }),
  },
  {
    key: 'lambdas',
    name: 'RunnableSequence of lambdas (trim and prompt, model, wrap)',
    run: (text) => lambdas.invoke({ text }),
  },
];
const texts = Array.from({ length: 1000 }, (_, n) => `  review ${n}: arrived on time, works as described.  `);

// Every contender must give the same answer, or they are not doing the same work.
const expected = JSON.stringify(finishSummary('A one-line summary.'));
for (const contender of contenders.slice(1)) {
  const result = await contender.run(texts[0] ?? '');
  const output = contender.key.startsWith('tokenflow') ? (result as { output: unknown }).output : result;
  if (JSON.stringify(output) !== expected)
    throw new Error(`${contender.name} answered ${JSON.stringify(output)}, expected ${expected}`);
}

async function block(contender: Contender, count: number, offset: number): Promise<number> {
  const before = process.cpuUsage();
  for (let n = 0; n < count; n++) await contender.run(texts[(offset + n) % texts.length] ?? '');
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

if (only !== '') {
  const contender = contenders.find((candidate) => candidate.key === only);
  if (!contender)
    throw new Error(`--only must be one of ${contenders.map((c) => c.key).join(', ')}, got ${only}`);
  await block(contender, warmup, 0);
  const used = await block(contender, runs, 0);
  console.log(`${contender.name}: ${(used / runs).toFixed(2)} µs CPU per run over ${runs} runs`);
  process.exit(0);
}

for (const contender of contenders) await block(contender, warmup, 0);
const perRound = Math.ceil(runs / rounds);
/** CPU µs per run, per contender, per round. */
const samples = new Map<string, number[]>(contenders.map((contender) => [contender.key, []]));
for (let round = 0; round < rounds; round++) {
  for (const contender of rotated(contenders, round)) {
    samples.get(contender.key)?.push((await block(contender, perRound, round * perRound)) / perRound);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;
const baseline = samples.get('model') ?? [];
/** Per round: the contender's CPU per run minus the model call's in the same round. */
const overheads = (key: string) =>
  (samples.get(key) ?? []).map((value, round) => value - (baseline[round] ?? 0));
const medianOverhead = (key: string) => median(overheads(key));
const meanOverhead = (key: string) => mean(overheads(key));
const spread = (key: string) => {
  const sorted = [...overheads(key)].sort((a, b) => a - b);
  return `${(sorted[Math.floor(sorted.length / 4)] ?? 0).toFixed(1)}-${(sorted[Math.floor((sorted.length * 3) / 4)] ?? 0).toFixed(1)}`;
};
const rows = contenders.map((contender) => [
  contender.name,
  median(samples.get(contender.key) ?? []).toFixed(1),
  contender.key === 'model' ? '-' : medianOverhead(contender.key).toFixed(1),
  contender.key === 'model' ? '-' : spread(contender.key),
  contender.key === 'model' ? '-' : meanOverhead(contender.key).toFixed(1),
  contender.key === 'model' ? '-' : (medianOverhead(contender.key) / 3).toFixed(1),
]);
const ratio = (against: string, of: (key: string) => number) => of('tokenflow') / of(against);
const ratioRows = [
  ['RunnableSequence (PromptTemplate, parser)', 'sequence'],
  ['RunnableSequence of lambdas', 'lambdas'],
].map(([label, key]) => [
  label ?? '',
  ratio(key ?? '', medianOverhead).toFixed(2),
  ratio(key ?? '', meanOverhead).toFixed(2),
  ratio(key ?? '', medianOverhead) <= 0.5 && ratio(key ?? '', meanOverhead) <= 0.5 ? 'yes' : 'no',
]);
const tracingPerStep = (medianOverhead('tokenflow') - medianOverhead('tokenflow-no-telemetry')) / 3;

await writeResult(
  'flow-overhead',
  `# Flow overhead: a 3-step pipeline against LangChain's RunnableSequence

Command: \`cd bench && NODE_OPTIONS=--conditions=@tokenflow/source npx tsx src/flow-overhead.ts --runs ${runs} --rounds ${rounds} --warmup ${warmup}\`

Machine: ${facts} (shared machine: other engineers' work was running).

Every contender trims the text, asks the same in-process chat model (\`FakeSummaryModel\`: a fixed answer with
token usage, no HTTP) for a one-line summary of \`${model}\`, then wraps the answer as \`{ summary, length }\`.
tokenflow validates each step's input and output and the pipeline's input with zod, keeps per-step records,
usage and cost, and opens an OpenTelemetry run span (no SDK registered); the sequences validate nothing.
${warmup} warm-up runs each, then ${rounds} rounds of ${perRound} runs per contender, the order rotating per round.
CPU = user + system time of this process (\`process.cpuUsage()\`) per run. Overhead = a contender's CPU per
run minus the model call alone's in the same round; median over the rounds (interquartile range beside it),
and the mean over all runs.

${markdownTable(
  [
    'contender',
    'CPU µs/run (median)',
    'beyond the model call µs/run (median)',
    'interquartile range',
    'mean',
    'µs per step (median / 3)',
  ],
  rows,
)}

${markdownTable(['tokenflow overhead / ...', 'ratio of medians', 'ratio of means', 'at most 0.5 (both)?'], ratioRows)}

Tracing with no OpenTelemetry SDK registered (default pipeline minus \`telemetry: false\`, medians):
**${tracingPerStep.toFixed(2)} µs per step**.`,
);
