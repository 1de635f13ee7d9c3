/**
 * Gateway benchmark (d): CPU per call against raw fetch. The emulator (separate process) answers at
 * zero latency; each contender makes calls one at a time, and `process.cpuUsage()` of this process
 * (the client only) is summed over its calls. Contenders take turns in rounds so that a change in the
 * machine's load hits them all alike.
 *
 *   pnpm --filter @tokenflow/bench bench:gateway-overhead
 *   options: --calls 3000 --rounds 10 --warmup 200
 */
import { ChatTokenOff } from '@tokenflow/core';
import PQueue from 'p-queue';
import { benchPrompts } from './shared/bench-rows.js';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { stockChat } from './shared/langchain-contender.js';
import { machineFacts, markdownTable, option, rotated } from './shared/machine-facts.js';
import { oneSlotGateway } from './shared/one-slot-gateway.js';
import { generateOnce } from './shared/plain-fetch-contender.js';
import { generateOnceWithUndici } from './shared/plain-undici-contender.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const calls = Number(option('calls', '3000'));
const rounds = Number(option('rounds', '10'));
const warmup = Number(option('warmup', '200'));
const facts = machineFacts();
const emulator = await startEmulatorProcess({});
const url = emulator.url;
const gateway = oneSlotGateway(url, model);
const routed = gateway.chatModel(model);
// The same gateway with `adaptive.pacing` off: a control now. This lane is never paced (one slot cannot
// burst, and `rpm: Infinity` says there is no quota to pace to), so the two rows differ only by noise.
const unpacedGateway = oneSlotGateway(url, model, { adaptive: { pacing: false } });
const unpaced = unpacedGateway.chatModel(model);
const adapter = new ChatTokenOff({ model, apiKey: 'bench-key', baseUrl: url, maxRetries: 0 });
const stock = stockChat(url, model);
const queue = new PQueue({ concurrency: 1 });

const contenders: { name: string; call: (prompt: string) => Promise<unknown> }[] = [
  { name: 'raw fetch + JSON.parse', call: (prompt) => generateOnce(url, model, prompt) },
  { name: 'raw undici request + JSON.parse', call: (prompt) => generateOnceWithUndici(url, model, prompt) },
  { name: 'p-queue + fetch', call: (prompt) => queue.add(() => generateOnce(url, model, prompt)) },
  { name: 'ChatTokenOff.invoke (adapter alone)', call: (prompt) => adapter.invoke(prompt) },
  { name: 'tokenflow gateway.chatModel().invoke', call: (prompt) => routed.invoke(prompt) },
  { name: 'the same, adaptive.pacing off', call: (prompt) => unpaced.invoke(prompt) },
  { name: 'LangChain ChatGoogleGenerativeAI.invoke', call: (prompt) => stock.invoke(prompt) },
];
const cpu = new Map<string, number>();
const wall = new Map<string, number>();
const prompts = benchPrompts(calls);
try {
  for (const contender of contenders) {
    for (const prompt of prompts.slice(0, warmup)) await contender.call(prompt);
  }
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotated(contenders, round)) {
      const slice = prompts.slice(round * perRound, (round + 1) * perRound);
      const before = process.cpuUsage();
      const started = performance.now();
      for (const prompt of slice) await contender.call(prompt);
      const used = process.cpuUsage(before);
      cpu.set(contender.name, (cpu.get(contender.name) ?? 0) + used.user + used.system);
      wall.set(contender.name, (wall.get(contender.name) ?? 0) + (performance.now() - started) * 1000);
    }
  }
} finally {
  await gateway.close();
  await unpacedGateway.close();
  await emulator.close();
}
const base = (cpu.get(contenders[0]?.name ?? '') ?? 0) / calls;
const rows = contenders.map((contender) => {
  const perCall = (cpu.get(contender.name) ?? 0) / calls;
  return [
    contender.name,
    perCall.toFixed(0),
    (perCall - base).toFixed(0),
    (perCall / base).toFixed(2),
    ((wall.get(contender.name) ?? 0) / calls).toFixed(0),
  ];
});
await writeResult(
  'gateway-overhead',
  `# Per-call CPU overhead against raw fetch

Command: \`cd bench && npx tsx src/gateway-overhead.ts --calls ${calls} --rounds ${rounds} --warmup ${warmup}\` (run by \`pnpm bench:gateway\`)

Machine: ${facts} (shared machine: other engineers' tests were running).

\`${model}\`, emulator in a separate process with zero latency, one call at a time, ${calls} calls per contender after
${warmup} warm-up calls, in ${rounds} rounds taking turns. CPU = user + system time of the benchmark process only (the
emulator's CPU is not counted), per call. Wall time per call includes the emulator and the machine's load.

${markdownTable(['contender', 'CPU µs/call', 'over raw fetch µs', 'x raw fetch', 'wall µs/call'], rows)}`,
);
