import { tool as langchainTool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RunCancelledError, RunFailedError } from './errors/run-stopped-error.js';
import { StepTimeoutError } from './errors/step-timeout-error.js';
import { StepValidationError } from './errors/step-validation-error.js';
import type { FlowEvent } from './flow-events.js';
import { pipeline } from './pipeline.js';
import { step } from './step.js';
import { tool } from './tool-step.js';

const order = z.object({ items: z.array(z.object({ name: z.string(), price: z.number() })) });

async function failure(promise: Promise<unknown>): Promise<RunFailedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RunFailedError);
  return error as RunFailedError;
}

describe('validation', () => {
  it('names the step, the path, the expectation and what was found when an output is wrong', async () => {
    const parse = step({
      id: 'parse',
      input: z.string(),
      output: order,
      run: () => ({
        items: [
          { name: 'tea', price: 3 },
          { name: 'cake', price: '12' as unknown as number },
        ],
      }),
    });
    const error = await failure(pipeline('shop', { input: z.string() }).then(parse).run('x'));
    const cause = error.cause as StepValidationError;
    expect(cause).toBeInstanceOf(StepValidationError);
    expect(cause.stepId).toBe('parse');
    expect(cause.target).toBe('output');
    expect(cause.issues).toEqual([
      expect.objectContaining({ path: ['items', 1, 'price'], expected: 'number', found: '"12" (string)' }),
    ]);
    expect(error.message).toContain('Step "parse": output does not match its schema');
    expect(error.message).toContain('at items[1].price: expected number, found "12" (string)');
  });

  it('keeps the results of steps that finished before the invalid one', async () => {
    const first = step({ id: 'first', input: z.string(), output: z.string(), run: (text) => `${text}!` });
    const second = step({
      id: 'second',
      input: z.string(),
      output: z.number(),
      run: (text) => text as never,
    });
    const error = await failure(pipeline('p', { input: z.string() }).then(first).then(second).run('hi'));
    expect(error.stepId).toBe('second');
    expect(error.completed.steps).toEqual({ first: 'hi!' });
    expect(error.completed.records.map((record) => [record.stepId, record.status])).toEqual([
      ['first', 'success'],
      ['second', 'error'],
    ]);
  });

  it('checks the pipeline input before any step runs', async () => {
    let ran = false;
    const mark = step({ id: 'mark', input: order, output: z.boolean(), run: () => (ran = true) });
    const error = await failure(
      pipeline('shop', { input: order })
        .then(mark)
        .run({ items: 'none' } as never),
    );
    expect(ran).toBe(false);
    expect((error.cause as StepValidationError).target).toBe('pipeline input');
    expect(error.message).toMatch(/at items: expected array, found "none" \(string\)/);
  });

  it('validates tool arguments against the tool schema with a path', async () => {
    const add = langchainTool(({ a, b }) => String(a + b), {
      name: 'add',
      description: 'Adds two numbers.',
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const flow = pipeline('p', { input: z.object({ a: z.number(), b: z.unknown() }) }).then(
      tool({
        id: 'add',
        tool: add,
        input: z.object({ a: z.number(), b: z.unknown() }),
        args: (value) => value as never,
      }),
    );
    const error = await failure(flow.run({ a: 1, b: 'two' }));
    expect((error.cause as StepValidationError).target).toBe('tool arguments');
    expect(error.message).toContain('at b: expected number, found "two" (string)');
    const ok = await flow.run({ a: 1, b: 2 });
    expect(ok.output).toBe('3');
  });
});

describe('tool steps', () => {
  it('calls a LangChain tool with typed arguments and parses its JSON answer against the output schema', async () => {
    let calls = 0;
    const quote = langchainTool(
      ({ symbol }) => {
        calls += 1;
        if (calls === 1) throw new Error('upstream timeout');
        return JSON.stringify({ symbol, price: 101.5 });
      },
      { name: 'quote', description: 'A stock quote.', schema: z.object({ symbol: z.string() }) },
    );
    const fetchQuote = tool({
      id: 'quote',
      tool: quote,
      input: z.object({ ticker: z.string() }),
      args: ({ ticker }) => ({ symbol: ticker.toUpperCase() }),
      output: z.object({ symbol: z.string(), price: z.number() }),
      retry: { maxAttempts: 2 },
    });
    const result = await pipeline('p', { input: z.object({ ticker: z.string() }) })
      .then(fetchQuote)
      .run({ ticker: 'acme' });
    expect(result.output).toEqual({ symbol: 'ACME', price: 101.5 });
    expect(result.records[0]).toMatchObject({ stepId: 'quote', kind: 'tool', attempts: 2 });
  });
});

describe('retries, timeouts and cancellation of non-model steps', () => {
  it('retries a failing step with exponential delays through the injected sleep', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const flaky = step({
      id: 'flaky',
      input: z.number(),
      output: z.number(),
      retry: { maxAttempts: 3, delayMs: 100 },
      run: (n) => {
        calls += 1;
        if (calls < 3) throw new Error(`boom ${calls}`);
        return n + 1;
      },
    });
    const events: FlowEvent[] = [];
    const result = await pipeline('p', { input: z.number() })
      .then(flaky)
      .run(1, {
        onEvent: (event) => events.push(event),
        clock: { sleep: async (ms) => void sleeps.push(ms) },
      });
    expect(result.output).toBe(2);
    expect(sleeps).toEqual([100, 200]);
    expect(result.records[0]?.attempts).toBe(3);
    expect(
      events.filter((event) => event.type === 'step-retry').map((event) => 'error' in event && event.error),
    ).toEqual(['boom 1', 'boom 2']);
  });

  it('does not retry errors the policy declines, nor validation errors', async () => {
    let calls = 0;
    const picky = step({
      id: 'picky',
      input: z.number(),
      output: z.number(),
      retry: { maxAttempts: 5, retryOn: (error) => !(error instanceof TypeError) },
      run: () => {
        calls += 1;
        throw new TypeError('not worth retrying');
      },
    });
    await failure(pipeline('p', { input: z.number() }).then(picky).run(1));
    expect(calls).toBe(1);
  });

  it('aborts a step that runs past its timeout through its signal', async () => {
    let sawAbort = false;
    const stuck = step({
      id: 'stuck',
      input: z.number(),
      output: z.number(),
      timeoutMs: 5,
      run: (_n, { signal }) =>
        new Promise<number>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(signal.reason);
          });
        }),
    });
    const error = await failure(pipeline('p', { input: z.number() }).then(stuck).run(1));
    expect(error.cause).toBeInstanceOf(StepTimeoutError);
    expect(sawAbort).toBe(true);
  });

  it('reports what finished when the run is cancelled mid-step', async () => {
    const controller = new AbortController();
    const done = step({ id: 'done', input: z.number(), output: z.number(), run: (n) => n + 1 });
    const waiting = step({
      id: 'waiting',
      input: z.number(),
      output: z.number(),
      run: (_n, { signal }) => {
        controller.abort(new Error('user pressed stop'));
        return new Promise<number>((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      },
    });
    const events: FlowEvent[] = [];
    const error = await pipeline('p', { input: z.number() })
      .then(done)
      .then(waiting)
      .run(1, { signal: controller.signal, onEvent: (event) => events.push(event) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunCancelledError);
    const cancelled = error as RunCancelledError;
    expect(cancelled.completed.steps).toEqual({ done: 2 });
    expect(cancelled.completed.records.map((record) => [record.stepId, record.status])).toEqual([
      ['done', 'success'],
      ['waiting', 'cancelled'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled' });
  });
});
