// Runs in a throwaway project that installed the packed tarballs with npm (see scripts/consumer-test.mjs):
// plain node, no TypeScript, no workspace. It uses the packages the way their READMEs show and prints
// one JSON line per check so the parent script can report each one.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage } from '@langchain/core/messages';
import {
  agent,
  ChatTokenOff,
  createGateway,
  llm,
  pipeline,
  runBatch,
  step,
  TokenflowError,
  TokenOffError,
} from '@tokenflow/core';
import { startEmulator } from '@tokenflow/emulator';
import { calculator } from '@tokenflow/tools';
import { z } from 'zod';

const apiKey = 'consumer-test-key';

function report(name, ok, detail) {
  process.stdout.write(`${JSON.stringify({ name, ok, detail })}\n`);
}

/** Runs one check; a throw is a failure with its message, never a crash of the whole script. */
async function check(name, body) {
  try {
    const detail = await body();
    report(name, true, detail);
  } catch (error) {
    report(name, false, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const emulator = await startEmulator({ host: '127.0.0.1', port: 0, apiKeys: [apiKey] });
const gateway = createGateway({ apiKey, baseUrl: emulator.url });
try {
  await check('emulator listens on a loopback port', () => {
    expect(emulator.port > 0, `port ${emulator.port}`);
    expect(emulator.url.startsWith('http://127.0.0.1:'), `url ${emulator.url}`);
    return emulator.url;
  });

  await check('a typed llm pipeline returns output that matches its zod schema', async () => {
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
    const triage = pipeline('triage', { input: z.object({ review: z.string() }) })
      .then(classify)
      .then(route);
    const result = await triage.run(
      { review: 'The blender broke after two days and support never answered. Terrible.' },
      { gateway },
    );
    const classified = result.steps.classify;
    expect(sentiment.safeParse(classified?.sentiment).success, `sentiment ${classified?.sentiment}`);
    expect(classified.confidence >= 0 && classified.confidence <= 1, `confidence ${classified.confidence}`);
    expect(['support', 'marketing'].includes(result.output.queue), `queue ${result.output.queue}`);
    expect(typeof result.output.urgent === 'boolean', `urgent ${result.output.urgent}`);
    expect(result.costUsd > 0, `costUsd ${result.costUsd}`);
    return `classify ${JSON.stringify(classified)} -> ${JSON.stringify(result.output)}`;
  });

  await check('an agent calls the calculator tool from @tokenflow/tools and answers', async () => {
    const mathematician = agent({
      id: 'mathematician',
      model: 'gemini-2.5-flash',
      tools: [calculator()],
      maxSteps: 4,
    });
    const run = pipeline('math', { input: z.string() })
      .then(mathematician)
      .stream('Use the calculator for 30 * 2.', { gateway });
    const results = [];
    for await (const event of run) {
      if (event.type === 'tool-result') results.push(event);
    }
    const { output } = await run.result;
    const calculated = results.find((event) => event.name === 'calculator');
    expect(calculated, `no calculator result among ${JSON.stringify(results)}`);
    expect(calculated.status === 'success', `calculator status ${calculated.status}`);
    expect(calculated.content === '60', `calculator returned ${JSON.stringify(calculated.content)}`);
    expect(typeof output === 'string' && output.length > 0, `answer ${JSON.stringify(output)}`);
    return `calculator -> ${calculated.content}; answer ${JSON.stringify(output.slice(0, 60))}`;
  });

  await check('runBatch runs a pipeline over a JSONL file and writes one line per row', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tokenflow-consumer-batch-'));
    try {
      const input = join(folder, 'reviews.jsonl');
      const rows = [
        { id: 'r1', review: 'Great blender, works perfectly.' },
        { id: 'r2', review: 'It broke after a week.' },
      ];
      await writeFile(input, rows.map((row) => JSON.stringify(row)).join('\n'));
      const summarize = pipeline('summarize', {
        input: z.object({ id: z.string(), review: z.string() }),
      }).then(
        llm({
          id: 'summary',
          model: 'gemini-2.5-flash',
          input: z.object({ id: z.string(), review: z.string() }),
          prompt: ({ review }) => `Summarize this review in a few words:\n${review}`,
          output: z.object({ summary: z.string() }),
        }),
      );
      const summary = await runBatch({
        input: { path: input, idField: 'id' },
        output: join(folder, 'out.jsonl'),
        process: async (row) => ({ output: (await summarize.run(row, { gateway })).output }),
      });
      expect(summary.stopReason === 'completed', `stopReason ${summary.stopReason}`);
      expect(summary.rows.done === 2 && summary.rows.failed === 0, `rows ${JSON.stringify(summary.rows)}`);
      const lines = (await readFile(summary.files.output, 'utf8')).trim().split('\n');
      const ids = lines.map((line) => JSON.parse(line).id).sort();
      expect(JSON.stringify(ids) === '["r1","r2"]', `output ids ${JSON.stringify(ids)}`);
      return `${summary.rows.done} rows done`;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  await check("a gateway model is an instance of the consumer's BaseChatModel", () => {
    const model = gateway.chatModel('gemini-2.5-flash');
    expect(model instanceof BaseChatModel, `${model.constructor.name} is not a BaseChatModel`);
    return model.constructor.name;
  });

  await check("ChatTokenOff is an instance of the consumer's BaseChatModel and answers", async () => {
    const model = new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey, baseUrl: emulator.url });
    expect(model instanceof BaseChatModel, 'new ChatTokenOff() is not a BaseChatModel');
    const answer = await model.invoke('Say hello in one word.');
    expect(answer instanceof AIMessage, `invoke() returned ${answer?.constructor?.name}`);
    expect(typeof answer.content === 'string' && answer.content.length > 0, 'empty answer');
    return `answered ${JSON.stringify(answer.text.slice(0, 40))}`;
  });

  await check('a wrong API key is a TokenOffError, which is a TokenflowError', async () => {
    const model = new ChatTokenOff({
      model: 'gemini-2.5-flash',
      apiKey: 'not-the-key',
      baseUrl: emulator.url,
      maxRetries: 0,
    });
    const failure = await model.invoke('hello').then(
      () => undefined,
      (error) => error,
    );
    expect(failure instanceof TokenOffError, `threw ${failure?.name}: ${failure?.message}`);
    expect(failure instanceof TokenflowError, 'TokenOffError does not derive from TokenflowError');
    expect(!failure.message.includes('not-the-key'), 'the message shows the key');
    return `${failure.code} (${failure.kind}, HTTP ${failure.status})`;
  });
} finally {
  await gateway.close();
  await emulator.close();
}
