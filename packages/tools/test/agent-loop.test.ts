import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculator, listFiles, readFile } from '../src/index.js';
import { createTempFolder, type TempFolder } from '../src/test-support/temp-folder.js';

let emulator: EmulatorHandle;
let temp: TempFolder;

beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: ['test-key'] });
  temp = await createTempFolder();
  await temp.file('docs/refund-policy.md', 'Refunds are accepted within 30 days of delivery.');
  await temp.file('docs/shipping.md', 'Orders ship within 2 business days.');
  await temp.file('.env', 'TOKENOFF_API_KEY=sk-secret');
});

afterAll(async () => {
  await emulator.close();
  await temp.remove();
});

/** A plain agent loop: ask, run the tool calls, feed the results back, until the model answers in text. */
async function runAgent(prompt: string, tools: StructuredToolInterface[], maxSteps = 6) {
  const model = new ChatGoogleGenerativeAI({
    model: 'gemini-2.5-flash',
    apiKey: 'test-key',
    baseUrl: emulator.url,
    maxRetries: 0,
  }).bindTools(tools);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const messages: BaseMessage[] = [new HumanMessage(prompt)];
  const calls: { name: string; args: unknown; result: string }[] = [];
  for (let step = 0; step < maxSteps; step += 1) {
    const reply = (await model.invoke(messages)) as AIMessage;
    messages.push(reply);
    if (!reply.tool_calls?.length) return { answer: reply.content, calls, messages };
    for (const call of reply.tool_calls) {
      const tool = byName.get(call.name);
      const message = tool
        ? ((await tool.invoke({ ...call, type: 'tool_call' })) as ToolMessage)
        : new ToolMessage({
            content: `Error: no tool named ${call.name}`,
            tool_call_id: call.id ?? '',
            status: 'error',
          });
      calls.push({ name: call.name, args: call.args, result: String(message.content) });
      messages.push(message);
    }
  }
  throw new Error(`the agent did not finish in ${maxSteps} steps`);
}

describe('an agent on the emulator using several tools in one run', () => {
  it('lists the documents, reads one, calculates, and answers from the results', async () => {
    // The largest CPU limit: it is a wall-clock watchdog, and 30 * 2 must not fail on a loaded machine.
    const tools = [
      listFiles({ root: temp.path }),
      readFile({ root: temp.path }),
      calculator({ timeoutMs: 60_000 }),
    ];
    const run = await runAgent(
      'Use list_files to see the documents, then read_file docs/refund-policy.md, then use the calculator for 30 * 2.',
      tools,
    );
    const names = run.calls.map((call) => call.name);
    expect(names).toEqual(expect.arrayContaining(['list_files', 'read_file', 'calculator']));
    const results = Object.fromEntries(run.calls.map((call) => [call.name, call.result]));
    expect(results.list_files).toContain('docs/');
    expect(results.read_file).toBe('Refunds are accepted within 30 days of delivery.');
    expect(results.calculator).toBe('60');
    expect(typeof run.answer === 'string' && run.answer.length > 0).toBe(true);
    // The secret file stays hidden from the listing the model saw.
    expect(run.calls.map((call) => call.result).join('\n')).not.toContain('.env');
  });

  it('gets a readable error back when a tool refuses, and the loop goes on', async () => {
    const run = await runAgent('Please read_file ../outside/secret.txt for me.', [
      readFile({ root: temp.path }),
    ]);
    expect(run.calls[0]).toEqual({
      name: 'read_file',
      args: { path: '../outside/secret.txt' },
      result:
        'Error: Refused path `../outside/secret.txt`: `..` is not allowed; paths must stay inside the root.',
    });
    // The refusal went back to the model as the function's response, and the model answered after it.
    const followUp = JSON.stringify(emulator.requests.at(-1)?.body);
    expect(followUp).toContain('"functionResponse"');
    expect(followUp).toContain('`..` is not allowed; paths must stay inside the root.');
    expect(run.messages.at(-1)).toBeInstanceOf(AIMessage);
  });
});
