import { tool as langchainTool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent } from './agent.js';
import { RunCancelledError, RunFailedError } from './errors/run-stopped-error.js';
import type { FlowEvent } from './flow-events.js';
import { llm } from './llm.js';
import { pipeline } from './pipeline.js';
import { step } from './step.js';
import { callsAnswer, collectEvents, textAnswer, useFlowEmulator } from './test-support/flow-emulator.js';

const setup = useFlowEmulator();

const add = langchainTool(({ a, b }) => String(a + b), {
  name: 'add',
  description: 'Adds two numbers.',
  schema: z.object({ a: z.number(), b: z.number() }),
});

const solver = agent({ id: 'solve', model: 'gemini-2.5-flash', tools: [add], input: z.string() });
const explain = llm({
  id: 'explain',
  model: 'gemini-2.5-flash-lite',
  input: z.string(),
  prompt: (answer) => `Explain to a child: ${answer}`,
});
const flow = pipeline('math', { input: z.string() }).then(solver).then(explain);

function label(event: FlowEvent): string {
  return 'stepId' in event ? `${event.type}:${event.stepId}` : event.type;
}

/** Event labels with consecutive text deltas of one step folded into one. */
function labels(events: FlowEvent[]): string[] {
  return events
    .map(label)
    .filter((name, index, all) => !(name.startsWith('text-delta') && all[index - 1] === name));
}

describe('stream()', () => {
  it('yields every event of a run in order, with usage and cost at the end', async () => {
    setup.script(
      { prompt: 'What is 2 + 3?', response: callsAnswer([{ name: 'add', args: { a: 2, b: 3 } }]) },
      {
        model: 'gemini-2.5-flash',
        response: textAnswer('It is 5.', { prompt: 30, output: 4, thoughts: 12 }),
      },
      {
        model: 'gemini-2.5-flash-lite',
        response: textAnswer('Two apples and three apples make five apples.'),
      },
    );
    const run = flow.stream('What is 2 + 3?', { gateway: setup.gateway() });
    const { events, error } = await collectEvents(run);
    expect(error).toBeUndefined();
    expect(labels(events)).toEqual([
      'run-start',
      'step-start:solve',
      'model-response:solve',
      'tool-call:solve',
      'tool-result:solve',
      'text-delta:solve',
      'model-response:solve',
      'step-end:solve',
      'step-start:explain',
      'text-delta:explain',
      'model-response:explain',
      'step-end:explain',
      'run-end',
    ]);
    const deltas = events.filter((event) => event.type === 'text-delta' && event.stepId === 'explain');
    expect(deltas.map((event) => (event.type === 'text-delta' ? event.text : '')).join('')).toBe(
      'Two apples and three apples make five apples.',
    );
    const result = await run.result;
    expect(result.output).toBe('Two apples and three apples make five apples.');
    const end = events.at(-1);
    expect(end).toMatchObject({
      type: 'run-end',
      status: 'success',
      usage: result.usage,
      costUsd: result.costUsd,
    });
    expect(result.usage.reasoningTokens).toBe(12);
    const stepEnds = events.filter((event) => event.type === 'step-end');
    expect(
      stepEnds.reduce((sum, event) => sum + (event.type === 'step-end' ? event.costUsd : 0), 0),
    ).toBeCloseTo(result.costUsd, 12);
  });

  it('reports a gateway retry between the step start and end', async () => {
    setup.script(
      {
        error: { status: 503, body: { error: { code: 503, message: 'Overloaded.', status: 'UNAVAILABLE' } } },
      },
      { response: textAnswer('Fine.') },
    );
    const say = llm({ id: 'say', model: 'gemini-2.5-flash', input: z.string(), prompt: (text) => text });
    const { events } = await collectEvents(
      pipeline('p', { input: z.string() }).then(say).stream('hi', { gateway: setup.gateway() }),
    );
    expect(labels(events)).toEqual([
      'run-start',
      'step-start:say',
      'model-retry:say',
      'text-delta:say',
      'model-response:say',
      'step-end:say',
      'run-end',
    ]);
  });

  it('drops the text of a broken stream and says so when the gateway restarts it', async () => {
    setup.script({ model: 'gemini-2.5-flash', fault: 'midStreamError' });
    const say = llm({
      id: 'say',
      model: 'gemini-2.5-flash',
      input: z.string(),
      prompt: (text) => `Write three sentences about ${text}.`,
    });
    const run = pipeline('p', { input: z.string() }).then(say).stream('otters', { gateway: setup.gateway() });
    const { events } = await collectEvents(run);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event] : []));
    const restartAt = deltas.findIndex((event) => event.restart === true);
    expect(restartAt).toBeGreaterThan(0);
    const afterRestart = deltas
      .slice(restartAt)
      .map((event) => event.text)
      .join('');
    expect((await run.result).output).toBe(afterRestart);
  });

  it('cancels the run when the consumer stops reading', async () => {
    let secondAborted = false;
    const first = step({ id: 'first', input: z.number(), output: z.number(), run: (n) => n + 1 });
    const second = step({
      id: 'second',
      input: z.number(),
      output: z.number(),
      run: (_n, { signal }) =>
        new Promise<number>((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            secondAborted = true;
            reject(signal.reason);
          }),
        ),
    });
    const run = pipeline('p', { input: z.number() }).then(first).then(second).stream(1);
    for await (const event of run) {
      if (event.type === 'step-end') break;
    }
    const error = await run.result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as RunCancelledError).completed.steps).toEqual({ first: 2 });
    // The second step either never started its work or was aborted (it only ends through its signal).
    const secondRecord = (error as RunCancelledError).completed.records.find(
      (record) => record.stepId === 'second',
    );
    expect(secondRecord?.status ?? 'cancelled').toBe('cancelled');
    void secondAborted;
  });

  it('ends with run-end and then throws the failure to the loop', async () => {
    const broken = step({
      id: 'broken',
      input: z.number(),
      output: z.number(),
      run: () => {
        throw new Error('no');
      },
    });
    const { events, error } = await collectEvents(
      pipeline('p', { input: z.number() }).then(broken).stream(1),
    );
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'error' });
    expect(error).toBeInstanceOf(RunFailedError);
  });
});
