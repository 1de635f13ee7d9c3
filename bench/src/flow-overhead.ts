/**
 * Flow overhead: CPU per step of a 3-step pipeline beyond the model call. tokenflow's DSL
 * (`step` -> `llm` -> `step`) against LangChain's `RunnableSequence` doing the same work (a lambda,
 * then prompt template -> model -> string parser, then a lambda). Both call the same routed model of
 * one gateway, on an emulator in a separate process at zero latency; the model call alone
 * (`chatModel.invoke`) is measured in the same rounds and subtracted. The tokenflow pipeline runs twice:
 * as users get it (OpenTelemetry spans and metrics through the global API, no SDK registered) and with
 * `telemetry: false`; the difference is what tracing costs when nobody collects it. Because that difference
 * is small next to an HTTP round trip, it is also measured on its own: the same pipeline on an in-process
 * chat model (LangChain's FakeListChatModel, no HTTP), 10x the runs, on and off in alternating rounds.
 * Runs go one at a time, taking
 * turns in rounds; CPU is `process.cpuUsage()` of this process (the emulator's is not counted).
 *
 *   pnpm --filter @tokenflow/bench bench:flow
 *   options: --runs 2000 --rounds 10 --warmup 100
 */
import { StringOutputParser } from '@langchain/core/output_parsers';
import { PromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { createGateway, llm, pipeline, step } from '@tokenflow/core';
import { z } from 'zod';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const runs = Number(option('runs', '2000'));
const rounds = Number(option('rounds', '10'));
const warmup = Number(option('warmup', '100'));
const facts = machineFacts();
const emulator = await startEmulatorProcess({});
const gateway = createGateway({
  apiKey: 'bench-key',
  baseUrl: emulator.url,
  limits: { [model]: { concurrency: 1, rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY } },
  fallback: false,
});
const chat = gateway.chatModel(model);
const promptOf = (text: string) => `Summarize in one line: ${text}`;
const finishOf = (summary: string) => ({ summary, length: summary.length });

const prepare = step({
  id: 'prepare',
  input: z.object({ text: z.string() }),
  output: z.object({ text: z.string() }),
  run: ({ text }) => ({ text: text.trim() }),
});
const answer = llm({
  id: 'answer',
  model,
  input: z.object({ text: z.string() }),
  prompt: ({ text }) => promptOf(text),
});
const finish = step({
  id: 'finish',
  input: z.string(),
  output: z.object({ summary: z.string(), length: z.number() }),
  run: finishOf,
});
const tokenflowPipeline = pipeline('summarize', { input: z.object({ text: z.string() }) })
  .then(prepare)
  .then(answer)
  .then(finish);
const langchainSequence = RunnableSequence.from([
  RunnableLambda.from(({ text }: { text: string }) => ({ text: text.trim() })),
  PromptTemplate.fromTemplate('Summarize in one line: {text}'),
  chat,
  new StringOutputParser(),
  RunnableLambda.from(finishOf),
]);

const contenders: { name: string; run: (text: string) => Promise<unknown> }[] = [
  { name: 'model call alone (chatModel.invoke)', run: (text) => chat.invoke(promptOf(text)) },
  {
    name: 'tokenflow pipeline (step, llm, step)',
    run: (text) => tokenflowPipeline.run({ text }, { gateway }),
  },
  {
    name: 'tokenflow pipeline, telemetry: false',
    run: (text) => tokenflowPipeline.run({ text }, { gateway, telemetry: false }),
  },
  { name: 'LangChain RunnableSequence', run: (text) => langchainSequence.invoke({ text }) },
];
const texts = Array.from({ length: runs }, (_, n) => `  review ${n}: arrived on time, works as described.  `);
const cpu = new Map<string, number>();
try {
  for (const contender of contenders) for (const text of texts.slice(0, warmup)) await contender.run(text);
  const perRound = Math.ceil(runs / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotated(contenders, round)) {
      const before = process.cpuUsage();
      for (const text of texts.slice(round * perRound, (round + 1) * perRound)) await contender.run(text);
      const used = process.cpuUsage(before);
      cpu.set(contender.name, (cpu.get(contender.name) ?? 0) + used.user + used.system);
    }
  }
} finally {
  await gateway.close();
  await emulator.close();
}
const base = (cpu.get(contenders[0]?.name ?? '') ?? 0) / runs;
const rows = contenders.map((contender, index) => {
  const perRun = (cpu.get(contender.name) ?? 0) / runs;
  return [
    contender.name,
    perRun.toFixed(0),
    index === 0 ? '-' : (perRun - base).toFixed(0),
    index === 0 ? '-' : ((perRun - base) / 3).toFixed(0),
  ];
});
const perRunOf = (name: string) => (cpu.get(name) ?? 0) / runs;

// Tracing without an SDK, on its own: no HTTP, so the difference is not lost in the round trip's noise.
const inProcess = { chatModel: () => new FakeListChatModel({ responses: ['A one-line summary.'] }) };
const tracingContenders = [
  {
    name: 'telemetry on, no SDK',
    run: (text: string) => tokenflowPipeline.run({ text }, { models: inProcess }),
  },
  {
    name: 'telemetry: false',
    run: (text: string) => tokenflowPipeline.run({ text }, { models: inProcess, telemetry: false }),
  },
];
const tracingRuns = runs * 10;
const tracingCpu = new Map<string, number>();
for (const contender of tracingContenders)
  for (const text of texts.slice(0, warmup)) await contender.run(text);
for (let round = 0; round < rounds * 2; round++) {
  for (const contender of rotated(tracingContenders, round)) {
    const before = process.cpuUsage();
    for (let n = 0; n < tracingRuns / (rounds * 2); n++) await contender.run(texts[n % texts.length] ?? '');
    const used = process.cpuUsage(before);
    tracingCpu.set(contender.name, (tracingCpu.get(contender.name) ?? 0) + used.user + used.system);
  }
}
const inProcessPerRun = (name: string) => (tracingCpu.get(name) ?? 0) / tracingRuns;
const inProcessTracingPerStep =
  (inProcessPerRun('telemetry on, no SDK') - inProcessPerRun('telemetry: false')) / 3;
const tracingPerStep =
  (perRunOf('tokenflow pipeline (step, llm, step)') - perRunOf('tokenflow pipeline, telemetry: false')) / 3;
await writeResult(
  'flow-overhead',
  `# Flow overhead: a 3-step pipeline against LangChain's RunnableSequence

Command: \`cd bench && npx tsx src/flow-overhead.ts --runs ${runs} --rounds ${rounds} --warmup ${warmup}\` (run by \`pnpm bench:flow\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

Both pipelines: trim the text, ask \`${model}\` for a one-line summary through the same routed model of one gateway,
then wrap the answer as \`{ summary, length }\`. tokenflow validates each step's input and output with zod; the
LangChain sequence (lambda, PromptTemplate -> model -> StringOutputParser, lambda) validates nothing. Emulator in a separate
process, zero latency; ${runs} runs each after ${warmup} warm-up runs, one at a time, in ${rounds} rounds taking turns.
CPU = user + system time of the benchmark process per run; overhead = that minus the model call alone, per step = / 3.

${markdownTable(['contender', 'CPU µs/run', 'beyond the model call µs/run', 'µs per step'], rows)}

Tracing with no OpenTelemetry SDK registered (the default pipeline minus \`telemetry: false\`, same rounds):
${tracingPerStep.toFixed(1)} µs per step over HTTP (within this table's noise).

On its own (same pipeline, in-process FakeListChatModel, no HTTP; ${tracingRuns} runs each in ${rounds * 2} alternating rounds):

${markdownTable(
  ['pipeline', 'CPU µs/run'],
  tracingContenders.map((contender) => [contender.name, inProcessPerRun(contender.name).toFixed(1)]),
)}

Tracing with no SDK: **${inProcessTracingPerStep.toFixed(2)} µs per step**.`,
);
