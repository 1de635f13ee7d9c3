// Type-checked (never run) in a throwaway project that installed the packed tarballs, once with
// `moduleResolution: "nodenext"` and once with `"bundler"` (see scripts/consumer-test.mjs). It must compile:
// the published .d.ts files resolve, and types flow from the zod schemas the way the README promises.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  agent,
  ChatTokenOff,
  createGateway,
  llm,
  loadPipeline,
  pipeline,
  runBatch,
  step,
  TokenflowError,
  TokenOffError,
} from '@tokenflow/core';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { calculator, readFile } from '@tokenflow/tools';
import { z } from 'zod';

/** `true` only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<Condition extends true>(_proof?: Condition): void {}

const sentiment = z.enum(['positive', 'negative', 'neutral']);

const classify = llm({
  id: 'classify',
  model: 'gemini-2.5-flash',
  input: z.object({ review: z.string() }),
  prompt: ({ review }) => `Classify the sentiment of this product review:\n${review}`,
  output: z.object({ sentiment, confidence: z.number().min(0).max(1) }),
});

const route = step({
  id: 'route',
  input: z.object({ sentiment, confidence: z.number() }),
  output: z.object({ queue: z.string(), urgent: z.boolean() }),
  run: ({ sentiment: found, confidence }) => ({
    queue: found === 'negative' ? 'support' : 'marketing',
    urgent: found === 'negative' && confidence > 0.8,
  }),
});

const mathematician = agent({ id: 'mathematician', model: 'gemini-2.5-flash', tools: [calculator()] });

export async function triage(review: string, emulator: EmulatorHandle) {
  const gateway = createGateway({ apiKey: 'key', baseUrl: emulator.url });
  const result = await pipeline('triage', { input: z.object({ review: z.string() }) })
    .then(classify)
    .then(route)
    .run({ review }, { gateway });
  assertType<Equal<typeof result.output, { queue: string; urgent: boolean }>>();
  assertType<
    Equal<
      typeof result.steps.classify,
      { sentiment: 'positive' | 'negative' | 'neutral'; confidence: number }
    >
  >();
  const answer = await pipeline('math', { input: z.string() }).then(mathematician).run('1 + 1', { gateway });
  assertType<Equal<typeof answer.output, string>>();
  return result.output.queue;
}

export async function models(): Promise<BaseChatModel[]> {
  const emulator = await startEmulator({ port: 0 });
  const gateway = createGateway({ apiKey: 'key', baseUrl: emulator.url });
  // Both are LangChain chat models of the consumer's own @langchain/core.
  const routed: BaseChatModel = gateway.chatModel('gemini-2.5-flash');
  const direct: BaseChatModel = new ChatTokenOff({ model: 'gemini-2.5-flash', baseUrl: emulator.url });
  const withTools = gateway.chatModel('gemini-2.5-flash').bindTools([readFile({ root: '.' }), calculator()]);
  await withTools.invoke('What is 2 + 2?');
  return [routed, direct];
}

export function describeError(error: unknown): string {
  if (error instanceof TokenOffError) return `${error.code}: ${error.kind} ${error.status ?? ''}`;
  if (error instanceof TokenflowError) return error.code;
  return 'unknown';
}

export async function batch(path: string, tools: Parameters<typeof loadPipeline>[1]['tools']) {
  const loaded = await loadPipeline(path, { tools });
  const summary = await runBatch({
    input: { path: 'rows.jsonl', idField: loaded.input.idField },
    output: 'out.jsonl',
    process: async (row) => ({ output: row }),
  });
  const rows: number = summary.rows.done;
  return rows;
}
