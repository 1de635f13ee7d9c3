/**
 * The two programs in `src/flow/README.md`, run against the emulator so the README shows their real
 * output: `npx tsx src/flow/test-support/readme-demo.ts` (from packages/core).
 */
import { tool as langchainTool } from '@langchain/core/tools';
import { startEmulator } from '@tokenflow/emulator';
import { z } from 'zod';
import { createGateway } from '../../gateway/model-gateway.js';
import { agent } from '../agent.js';
import { llm } from '../llm.js';
import { pipeline } from '../pipeline.js';
import { step } from '../step.js';

const emulator = await startEmulator();
const gateway = createGateway({ apiKey: 'demo-key', baseUrl: emulator.url });

// --- A typed pipeline ---------------------------------------------------------------------------
const classify = llm({
  id: 'classify',
  model: 'gemini-2.5-flash',
  input: z.object({ review: z.string() }),
  prompt: ({ review }) => `Classify the sentiment of this product review:\n${review}`,
  output: z.object({
    sentiment: z.enum(['positive', 'negative', 'neutral']),
    confidence: z.number().min(0).max(1),
  }),
});

const route = step({
  id: 'route',
  input: z.object({ sentiment: z.enum(['positive', 'negative', 'neutral']), confidence: z.number() }),
  output: z.object({ queue: z.string(), urgent: z.boolean() }),
  run: ({ sentiment, confidence }) => ({
    queue: sentiment === 'negative' ? 'support' : 'marketing',
    urgent: sentiment === 'negative' && confidence > 0.8,
  }),
});

const triage = pipeline('triage', { input: z.object({ review: z.string() }) })
  .then(classify)
  .then(route);

const result = await triage.run(
  { review: 'The blender broke after two days and support never answered. Terrible.' },
  { gateway },
);
console.log('output:', result.output);
console.log('steps.classify:', result.steps.classify);
for (const record of result.records) {
  console.log(
    `${record.stepId}: ${record.models.join(', ') || '-'} | in ${record.usage.inputTokens} out ${record.usage.outputTokens} ` +
      `(thinking ${record.usage.reasoningTokens}) | $${record.costUsd.toFixed(6)}`,
  );
}
console.log(`run: $${result.costUsd.toFixed(6)}`);

// --- An agent -----------------------------------------------------------------------------------
const prices: Record<string, number> = { notebook: 4.5, pen: 1.2 };
const lookupPrice = langchainTool(
  async ({ item }) => (item in prices ? String(prices[item]) : `no price for ${item}`),
  {
    name: 'lookup_price',
    description: 'The unit price of an item in the shop, in USD.',
    schema: z.object({ item: z.string().describe('The item name, e.g. "pen"') }),
  },
);

const shopper = agent({
  id: 'shopper',
  model: 'gemini-3-flash-preview',
  system: 'You are a shop assistant. Use lookup_price for every price; never guess.',
  tools: [lookupPrice],
  maxSteps: 6,
});

const run = pipeline('shop', { input: z.string() })
  .then(shopper)
  .stream('Look up the price of a notebook and the price of a pen.', { gateway });
for await (const event of run) {
  if (event.type === 'tool-call') console.log(`tool-call   ${event.name}(${JSON.stringify(event.args)})`);
  if (event.type === 'tool-result') console.log(`tool-result ${event.name} -> ${event.content}`);
  if (event.type === 'step-end')
    console.log(`step-end    ${event.stepId} ${event.status} $${event.costUsd.toFixed(6)}`);
  if (event.type === 'run-end') console.log(`run-end     ${event.status} tokens ${event.usage.totalTokens}`);
}
console.log('answer:', (await run.result).output);

await gateway.close();
await emulator.close();
