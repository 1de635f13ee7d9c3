/**
 * The cost of the gateway features a call does not use (no cache, no event listener, no tracer): the
 * gateway over an in-process chat model (LangChain's FakeListChatModel, no HTTP, so nothing hides the
 * difference) against that model called directly. Also what one `gateway.on` listener adds, and flow's
 * per-step cost with and without telemetry on the same in-process model. One process, contenders taking
 * turns in rounds; CPU is `process.cpuUsage()`.
 *
 *   cd bench && npx tsx src/unused-features.ts --calls 20000 --rounds 10 --warmup 1000
 */
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import { oneSlotGateway } from './shared/one-slot-gateway.js';
import { summarizePipeline } from './shared/summarize-task.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const calls = Number(option('calls', '20000'));
const rounds = Number(option('rounds', '10'));
const warmup = Number(option('warmup', '1000'));
const facts = machineFacts();
const fake = () => new FakeListChatModel({ responses: ['A one-line summary.'] });
// Never contacted: the model factory's models answer in process.
const gatewayOver = () => oneSlotGateway('http://127.0.0.1:9', model, { modelFactory: fake });
const quiet = gatewayOver();
const heard = gatewayOver();
let heardEvents = 0;
heard.on(() => {
  heardEvents += 1;
});
const direct = fake();
const quietModel = quiet.chatModel(model);
const heardModel = heard.chatModel(model);
const summarize = summarizePipeline(model, (text) => text);
const inProcess = { chatModel: fake };

const contenders: { name: string; call: (text: string) => Promise<unknown> }[] = [
  { name: 'FakeListChatModel.invoke (no gateway)', call: (text) => direct.invoke(text) },
  { name: 'gateway.chatModel().invoke: no cache, no listener', call: (text) => quietModel.invoke(text) },
  { name: 'gateway.chatModel().invoke: one gateway.on listener', call: (text) => heardModel.invoke(text) },
  {
    name: 'pipeline (step, llm, step), telemetry on, no SDK',
    call: (text) => summarize.run({ text }, { models: inProcess }),
  },
  {
    name: 'pipeline (step, llm, step), telemetry: false',
    call: (text) => summarize.run({ text }, { models: inProcess, telemetry: false }),
  },
];
const texts = Array.from({ length: 1000 }, (_, n) => `  review ${n}: arrived on time, works as described.  `);
const cpu = new Map<string, number>();
try {
  for (const contender of contenders)
    for (let n = 0; n < warmup; n++) await contender.call(texts[n % 1000] ?? '');
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotated(contenders, round)) {
      const before = process.cpuUsage();
      for (let n = 0; n < perRound; n++) await contender.call(texts[n % 1000] ?? '');
      const used = process.cpuUsage(before);
      cpu.set(contender.name, (cpu.get(contender.name) ?? 0) + used.user + used.system);
    }
  }
} finally {
  await quiet.close();
  await heard.close();
}
const perCall = (name: string) => (cpu.get(name) ?? 0) / (Math.ceil(calls / rounds) * rounds);
const [bare, gatewayQuiet, gatewayHeard, flowOn, flowOff] = contenders.map((contender) =>
  perCall(contender.name),
);
await writeResult(
  'unused-features',
  `# The cost of features a call does not use

Command: \`cd bench && npx tsx src/unused-features.ts --calls ${calls} --rounds ${rounds} --warmup ${warmup}\`

Machine: ${facts} (shared machine: other engineers' tests were running).

In process, no HTTP: LangChain's FakeListChatModel answers every call, directly or as the gateway's concrete model
(\`modelFactory\`). ${calls} calls per contender after ${warmup} warm-up calls, in ${rounds} rounds taking turns. CPU = user + system
time of this process per call. The gateway is created with no cache, no budget, no listener; flow's telemetry uses the
OpenTelemetry API with no SDK registered.

${markdownTable(
  ['contender', 'CPU µs/call'],
  contenders.map((contender) => [contender.name, perCall(contender.name).toFixed(1)]),
)}

- The gateway with none of its optional features in use, over the bare model: **${((gatewayQuiet ?? 0) - (bare ?? 0)).toFixed(1)} µs per call**
  (lanes, breaker, meter, ServedCall: the features every call uses), of which no cache key is computed (the cache is off).
- One \`gateway.on\` listener adds ${((gatewayHeard ?? 0) - (gatewayQuiet ?? 0)).toFixed(1)} µs per call (${(heardEvents / (Math.ceil(calls / rounds) * rounds + warmup)).toFixed(0)} events per call).
- Telemetry with no SDK registered, per step: ${(((flowOn ?? 0) - (flowOff ?? 0)) / 3).toFixed(2)} µs.`,
);
