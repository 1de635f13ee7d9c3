import { tool as langchainTool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent } from './agent.js';
import { AgentStepLimitError } from './errors/agent-step-limit-error.js';
import { RunCancelledError, RunFailedError } from './errors/run-stopped-error.js';
import type { FlowEvent } from './flow-events.js';
import { pipeline } from './pipeline.js';
import { callsAnswer, textAnswer, useFlowEmulator } from './test-support/flow-emulator.js';

const setup = useFlowEmulator();
const model = 'gemini-3-flash-preview';

interface Part {
  text?: string;
  thoughtSignature?: string;
  functionCall?: { name: string; args: Record<string, unknown> };
  functionResponse?: { name: string; response: Record<string, unknown> };
}
function contentsOf(index: number): { role: string; parts: Part[] }[] {
  const body = setup.generateRequests()[index]?.body as
    | { contents: { role: string; parts: Part[] }[] }
    | undefined;
  return body?.contents ?? [];
}
/** The function responses sent after the last model turn of request `index`. */
function responsesOf(index: number): Part['functionResponse'][] {
  const contents = contentsOf(index);
  const lastModelTurn = contents.map((content) => content.role).lastIndexOf('model');
  return contents
    .slice(lastModelTurn + 1)
    .flatMap((content) => content.parts)
    .map((part) => part.functionResponse);
}

/** A weather tool whose calls wait until `expected` calls are running at once (proof of parallelism). */
function weatherTool(expected: number) {
  let running = 0;
  let open: () => void = () => undefined;
  const allStarted = new Promise<void>((resolve) => {
    open = resolve;
  });
  return langchainTool(
    async ({ city }) => {
      running += 1;
      if (running === expected) open();
      await allStarted;
      return `${city}: 21°C`;
    },
    { name: 'get_weather', description: 'Weather for a city.', schema: z.object({ city: z.string() }) },
  );
}

const add = langchainTool(({ a, b }) => String(a + b), {
  name: 'add',
  description: 'Adds two numbers.',
  schema: z.object({ a: z.number(), b: z.number() }),
});

function flowOf(step: ReturnType<typeof agent>) {
  return pipeline('agent-flow', { input: z.string() }).then(step);
}

describe('agent loop', () => {
  it('runs the tool calls of one turn in parallel and carries the thought signature to the next turn', async () => {
    setup.script(
      {
        response: callsAnswer(
          [
            { name: 'get_weather', args: { city: 'Oslo' } },
            { name: 'get_weather', args: { city: 'Lima' } },
          ],
          'c2lnLW9uZQ==',
        ),
      },
      { response: textAnswer('Oslo and Lima are both 21°C.') },
    );
    const forecaster = agent({ id: 'forecast', model, tools: [weatherTool(2)], maxSteps: 4 });
    const events: FlowEvent[] = [];
    const result = await flowOf(forecaster).run('Weather in Oslo and Lima?', {
      gateway: setup.gateway(),
      onEvent: (event) => events.push(event),
    });
    expect(result.output).toBe('Oslo and Lima are both 21°C.');
    const second = contentsOf(1);
    expect(second[1]?.role).toBe('model');
    expect(second[1]?.parts[0]).toMatchObject({
      functionCall: { name: 'get_weather', args: { city: 'Oslo' } },
      thoughtSignature: 'c2lnLW9uZQ==',
    });
    expect(responsesOf(1)).toEqual([
      { name: 'get_weather', response: { result: 'Oslo: 21°C' } },
      { name: 'get_weather', response: { result: 'Lima: 21°C' } },
    ]);
    expect(events.filter((event) => event.type === 'tool-call')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'tool-result')).toHaveLength(2);
    const transcript = result.records[0]?.transcript ?? [];
    expect(transcript.map((message) => message.type)).toEqual(['human', 'ai', 'tool', 'tool', 'ai']);
    expect(result.records[0]?.usage.inputTokens).toBe(40);
  });

  it('returns tool failures, invalid arguments and unknown tools to the model as error results', async () => {
    const broken = langchainTool(
      () => {
        throw new Error('database is down');
      },
      { name: 'lookup', description: 'Looks things up.', schema: z.object({ key: z.string() }) },
    );
    setup.script(
      {
        response: callsAnswer([
          { name: 'lookup', args: { key: 'k' } },
          { name: 'add', args: { a: 1, b: 'two' } },
          { name: 'multiply', args: { a: 2, b: 3 } },
        ]),
      },
      { response: textAnswer('I could not finish: the lookup failed.') },
    );
    const helper = agent({ id: 'helper', model, tools: [broken, add] });
    const events: FlowEvent[] = [];
    const result = await flowOf(helper).run('Do the thing', {
      gateway: setup.gateway(),
      onEvent: (event) => events.push(event),
    });
    expect(result.output).toBe('I could not finish: the lookup failed.');
    const results = events.filter((event) => event.type === 'tool-result');
    expect(results.map((event) => event.status)).toEqual(['error', 'error', 'error']);
    const contentFor = (name: string) => results.find((event) => event.name === name)?.content;
    const [lookup, addition, unknown] = [contentFor('lookup'), contentFor('add'), contentFor('multiply')];
    expect(lookup).toBe('Error: tool "lookup" failed: database is down');
    expect(addition).toContain('invalid arguments for tool "add"');
    expect(addition).toContain('at b: expected number, found "two" (string)');
    expect(unknown).toBe('Error: there is no tool named "multiply". Available tools: lookup, add.');
    // The model saw every one of them.
    expect(JSON.stringify(responsesOf(1))).toContain('database is down');
    expect(JSON.stringify(responsesOf(1))).toContain('no tool named \\"multiply\\"');
  });

  it('stops at maxSteps with an AgentStepLimitError that carries the transcript', async () => {
    setup.script({ response: callsAnswer([{ name: 'add', args: { a: 1, b: 1 } }]), times: 5 });
    const looping = agent({ id: 'looping', model, tools: [add], maxSteps: 3 });
    const error = await flowOf(looping)
      .run('Add forever', { gateway: setup.gateway() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFailedError);
    const cause = (error as RunFailedError).cause as AgentStepLimitError;
    expect(cause).toBeInstanceOf(AgentStepLimitError);
    expect(cause.maxSteps).toBe(3);
    expect(cause.toolCalls).toBe(2);
    expect(cause.transcript.map((message) => message.type)).toEqual([
      'human',
      'ai',
      'tool',
      'ai',
      'tool',
      'ai',
    ]);
    expect(cause.costUsd).toBeGreaterThan(0);
    expect(setup.generateRequests()).toHaveLength(3);
  });

  it('gives a typed final answer through the structured-output path', async () => {
    setup.script(
      { response: callsAnswer([{ name: 'add', args: { a: 2, b: 3 } }]) },
      { response: textAnswer('The sum is 5.') },
      { response: textAnswer('{"sum": 5, "explanation": "2 + 3"}') },
    );
    const calculator = agent({
      id: 'calculator',
      model,
      tools: [add],
      output: z.object({ sum: z.number(), explanation: z.string() }),
    });
    const result = await flowOf(calculator).run('What is 2 + 3?', { gateway: setup.gateway() });
    expect(result.output).toEqual({ sum: 5, explanation: '2 + 3' });
    const last = setup.generateRequests()[2]?.body as { generationConfig: Record<string, unknown> };
    expect(last.generationConfig.responseMimeType).toBe('application/json');
  });

  it('takes a final answer that already matches the output schema without another turn', async () => {
    setup.script(
      { response: callsAnswer([{ name: 'add', args: { a: 2, b: 3 } }]) },
      { response: textAnswer('```json\n{"sum": 5, "explanation": "2 + 3"}\n```') },
    );
    const calculator = agent({
      id: 'calculator',
      model,
      tools: [add],
      output: z.object({ sum: z.number(), explanation: z.string() }),
    });
    const result = await flowOf(calculator).run('What is 2 + 3?', { gateway: setup.gateway() });
    expect(result.output).toEqual({ sum: 5, explanation: '2 + 3' });
    expect(setup.generateRequests()).toHaveLength(2);
  });

  it('cancels mid-agent: the tool sees the abort and the run reports what finished', async () => {
    const controller = new AbortController();
    let toolSawAbort = false;
    const slow = langchainTool(
      (_args, config) =>
        new Promise<string>((_resolve, reject) => {
          const signal = config?.signal as AbortSignal;
          signal.addEventListener('abort', () => {
            toolSawAbort = true;
            reject(signal.reason);
          });
          controller.abort(new Error('stop'));
        }),
      { name: 'slow', description: 'Takes a while.', schema: z.object({}) },
    );
    setup.script(
      { prompt: 'warm up', response: textAnswer('ready') },
      { prompt: 'ready', response: callsAnswer([{ name: 'slow', args: {} }]) },
    );
    const flow = pipeline('cancel', { input: z.string() })
      .then(agent({ id: 'warmup', model, tools: [], prompt: () => 'warm up' }))
      .then(agent({ id: 'worker', model, tools: [slow] }));
    const error = await flow
      .run('go', { gateway: setup.gateway(), signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect(toolSawAbort).toBe(true);
    const completed = (error as RunCancelledError).completed;
    expect(completed.steps).toEqual({ warmup: 'ready' });
    expect(completed.records.map((record) => [record.stepId, record.status])).toEqual([
      ['warmup', 'success'],
      ['worker', 'cancelled'],
    ]);
  });
});

describe('cancellation of model calls', () => {
  it('reaches the HTTP request in flight: the connection is closed and the run reports cancellation', async () => {
    setup.emulator.setFaults({ [model]: { latency: { firstByteMs: 60_000 } } });
    const controller = new AbortController();
    const thinker = agent({ id: 'thinker', model, tools: [add] });
    const held = setup.whenRequestHeld();
    const outcome = flowOf(thinker)
      .run('Think hard', { gateway: setup.gateway(), signal: controller.signal })
      .catch((caught: unknown) => caught);
    const { released } = await held;
    controller.abort(new Error('user pressed stop'));
    await released;
    const error = await outcome;
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as RunCancelledError).completed.records).toEqual([
      expect.objectContaining({ stepId: 'thinker', status: 'cancelled' }),
    ]);
  });
});
