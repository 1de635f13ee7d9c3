/**
 * One contender of the per-call and per-step benchmarks, alone in its process, for `node --cpu-prof`:
 * the profile then holds that contender's frames only. `sum-cpu-profile.ts` reads the result.
 *
 *   cd bench && NODE_OPTIONS=--conditions=@tokenflow/source \
 *     npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-hot-paths.ts --path gateway --calls 5000
 *   paths: raw, adapter, gateway, langchain, flow, sequence
 */
import { StringOutputParser } from '@langchain/core/output_parsers';
import { PromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { ChatTokenOff, createGateway, llm, pipeline, step } from '@tokenflow/core';
import { z } from 'zod';
import { benchPrompts } from './shared/bench-rows.js';
import { startEmulatorProcess } from './shared/emulator-process.js';
import { stockChat } from './shared/langchain-contender.js';
import { option } from './shared/machine-facts.js';
import { generateOnce } from './shared/plain-fetch-contender.js';

const model = 'gemini-2.5-flash-lite';
const path = option('path', 'gateway');
const calls = Number(option('calls', '5000'));
const emulator = await startEmulatorProcess({});
const url = emulator.url;
const gateway = createGateway({
  apiKey: 'bench-key',
  baseUrl: url,
  limits: { [model]: { concurrency: 1, rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY } },
  fallback: false,
});
const routed = gateway.chatModel(model);
const adapter = new ChatTokenOff({ model, apiKey: 'bench-key', baseUrl: url, maxRetries: 0 });
const stock = stockChat(url, model);
const finishOf = (summary: string) => ({ summary, length: summary.length });
const tokenflowPipeline = pipeline('summarize', { input: z.object({ text: z.string() }) })
  .then(
    step({
      id: 'prepare',
      input: z.object({ text: z.string() }),
      output: z.object({ text: z.string() }),
      run: ({ text }) => ({ text: text.trim() }),
    }),
  )
  .then(
    llm({
      id: 'answer',
      model,
      input: z.object({ text: z.string() }),
      prompt: ({ text }) => `Summarize in one line: ${text}`,
    }),
  )
  .then(
    step({
      id: 'finish',
      input: z.string(),
      output: z.object({ summary: z.string(), length: z.number() }),
      run: finishOf,
    }),
  );
const sequence = RunnableSequence.from([
  RunnableLambda.from(({ text }: { text: string }) => ({ text: text.trim() })),
  PromptTemplate.fromTemplate('Summarize in one line: {text}'),
  routed,
  new StringOutputParser(),
  RunnableLambda.from(finishOf),
]);
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
