/**
 * One contender of the per-call and per-step benchmarks, alone in its process, for `node --cpu-prof`:
 * the profile then holds that contender's frames only. `sum-cpu-profile.ts` reads the result.
 *
 *   cd bench && NODE_OPTIONS=--conditions=@tokenflow/source \
 *     npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-hot-paths.ts --path gateway --calls 5000
 *   paths: raw, adapter, gateway, langchain, flow, sequence
 */
import { ChatTokenOff } from '@tokenflow/core';
import { benchPrompts } from './shared/bench-rows.js';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { stockChat } from './shared/langchain-contender.js';
import { option } from './shared/machine-facts.js';
import { oneSlotGateway } from './shared/one-slot-gateway.js';
import { generateOnce } from './shared/plain-fetch-contender.js';
import { summarizePipeline, summarizeSequence } from './shared/summarize-task.js';

const model = 'gemini-2.5-flash-lite';
const path = option('path', 'gateway');
const calls = Number(option('calls', '5000'));
const emulator = await startEmulatorProcess({});
const url = emulator.url;
const gateway = oneSlotGateway(url, model);
const routed = gateway.chatModel(model);
const adapter = new ChatTokenOff({ model, apiKey: 'bench-key', baseUrl: url, maxRetries: 0 });
const stock = stockChat(url, model);
const tokenflowPipeline = summarizePipeline(model);
const sequence = summarizeSequence(routed);
const paths: Record<string, (prompt: string) => Promise<unknown>> = {
  raw: (prompt) => generateOnce(url, model, prompt),
  adapter: (prompt) => adapter.invoke(prompt),
  gateway: (prompt) => routed.invoke(prompt),
  langchain: (prompt) => stock.invoke(prompt),
  flow: (prompt) => tokenflowPipeline.run({ text: prompt }, { gateway }),
  sequence: (prompt) => sequence.invoke({ text: prompt }),
};
const call = paths[path];
if (!call) throw new Error(`--path must be one of ${Object.keys(paths).join(', ')}, got ${path}`);
try {
  const before = process.cpuUsage();
  for (const prompt of benchPrompts(calls)) await call(prompt);
  const used = process.cpuUsage(before);
  console.log(
    `${path}: ${((used.user + used.system) / calls).toFixed(0)} µs CPU per call over ${calls} calls`,
  );
} finally {
  await gateway.close();
  await emulator.close();
}
