import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LoopLimitError } from './errors/loop-limit-error.js';
import { RunFailedError } from './errors/run-stopped-error.js';
import type { FlowEvent } from './flow-events.js';
import { llm } from './llm.js';
import { pipeline } from './pipeline.js';
import { step } from './step.js';

const words = step({
  id: 'words',
  input: z.object({ text: z.string() }),
  output: z.array(z.string()),
  run: ({ text }) => text.split(' '),
});
const count = step({
  id: 'count',
  input: z.array(z.string()),
  output: z.number(),
  run: (list) => list.length,
});
const double = step({ id: 'double', input: z.number(), output: z.number(), run: (n) => n * 2 });
const upper = step({ id: 'upper', input: z.string(), output: z.string(), run: (word) => word.toUpperCase() });

describe('pipeline composition', () => {
  it('runs then() steps in order and keeps every result by id', async () => {
    const result = await pipeline('p', { input: z.object({ text: z.string() }) })
      .then(words)
      .then(count)
      .then(double)
      .run({ text: 'one two three' });
    expect(result.output).toBe(6);
    expect(result.steps).toEqual({ words: ['one', 'two', 'three'], count: 3, double: 6 });
    expect(result.records.map((record) => [record.stepId, record.status])).toEqual([
      ['words', 'success'],
      ['count', 'success'],
      ['double', 'success'],
    ]);
  });

  it('runs a step on a value picked from the input and earlier results', async () => {
    const label = step({
      id: 'label',
      input: z.object({ text: z.string(), count: z.number() }),
      output: z.string(),
      run: ({ text, count }) => `${text} has ${count} words`,
    });
    const result = await pipeline('p', { input: z.object({ text: z.string() }) })
      .then(words)
      .then(count)
      .then(label, ({ input, steps }) => ({ text: input.text, count: steps.count }))
      .run({ text: 'one two' });
    expect(result.output).toBe('one two has 2 words');
  });

  it('never changes a pipeline when a step is added: builders are immutable', async () => {
    const base = pipeline('p', { input: z.object({ text: z.string() }) }).then(words);
    const longer = base.then(count);
    expect(base.definition.nodes).toHaveLength(1);
    expect(longer.definition.nodes).toHaveLength(2);
    expect((await base.run({ text: 'a b' })).output).toEqual(['a', 'b']);
  });

  it('runs parallel steps on the same input and returns an object of their results', async () => {
    const length = step({ id: 'length', input: z.string(), output: z.number(), run: (text) => text.length });
    const result = await pipeline('p', { input: z.string() })
      .parallel({ loud: upper, size: length })
      .run('abc');
    expect(result.output).toEqual({ loud: 'ABC', size: 3 });
    expect(result.steps).toEqual({ upper: 'ABC', length: 3 });
  });

  it('takes the branch the condition picks and skips the other', async () => {
    const half = step({ id: 'half', input: z.number(), output: z.number(), run: (n) => n / 2 });
    const flow = pipeline('p', { input: z.number() }).branch(({ last }) => last > 10, half, double);
    const big = await flow.run(40);
    const small = await flow.run(4);
    expect(big.output).toBe(20);
    expect(big.steps).toEqual({ half: 20 });
    expect(small.output).toBe(8);
    expect(small.steps).toEqual({ double: 8 });
  });

  it('passes the previous output on when a branch without else is not taken', async () => {
    const result = await pipeline('p', { input: z.number() })
      .branch(() => false, double)
      .run(5);
    expect(result.output).toBe(5);
  });

  it('maps a step over an array in input order, at most `concurrency` at a time', async () => {
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    let onWaiting = (): void => undefined;
    /** Resolves once `count` elements are waiting for their release. */
    const untilWaiting = (count: number) =>
      new Promise<void>((resolve) => {
        onWaiting = () => {
          if (releases.length >= count) resolve();
        };
        onWaiting();
      });
    const slow = step({
      id: 'slow',
      input: z.string(),
      output: z.string(),
      run: async (word) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => {
          releases.push(resolve);
          onWaiting();
        });
        running -= 1;
        return word.toUpperCase();
      },
    });
    const done = pipeline('p', { input: z.object({ text: z.string() }) })
      .then(words)
      .map(slow, { concurrency: 2 })
      .run({ text: 'a b c d e' });
    // Each time both slots are taken (only one is left for the last element), release the element that
    // started last, to scramble the completion order (a map that ran one at a time would stall here and fail
    // on the test timeout; one that ran 3 at once would fail on `peak`).
    for (let left = 5; left > 0; left -= 1) {
      await untilWaiting(Math.min(2, left));
      releases.pop()?.();
    }
    const result = await done;
    expect(result.output).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(result.steps.slow).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(peak).toBe(2);
    expect(
      result.records
        .filter((record) => record.stepId === 'slow')
        .map((record) => record.path)
        .sort(),
    ).toEqual(['slow[0]', 'slow[1]', 'slow[2]', 'slow[3]', 'slow[4]']);
  });

  it('fails a map over something that is not an array with a message that says what it found', async () => {
    const flow = pipeline('p', { input: z.any() }).map(
      step({ id: 'id', input: z.unknown(), output: z.unknown(), run: (x) => x }),
    );
    const error = await flow.run({ not: 'an array' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFailedError);
    expect((error as RunFailedError).stepId).toBe('id');
    expect((error as Error).message).toMatch(/expected an array to map over, found an object with keys not/);
  });

  it('loops until the condition holds', async () => {
    const result = await pipeline('p', { input: z.number() })
      .until(double, ({ last }) => last >= 100, { maxIterations: 10 })
      .run(3);
    expect(result.output).toBe(192);
    expect(result.records.filter((record) => record.stepId === 'double')).toHaveLength(6);
  });

  it('stops a loop at maxIterations with a LoopLimitError, never silently', async () => {
    const error = await pipeline('p', { input: z.number() })
      .until(double, () => false, { maxIterations: 3 })
      .run(1)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFailedError);
    const cause = (error as RunFailedError).cause;
    expect(cause).toBeInstanceOf(LoopLimitError);
    expect((cause as LoopLimitError).last).toBe(8);
    expect((error as RunFailedError).completed.steps).toEqual({ double: 8 });
  });

  it('builds the final output from the input and earlier results', async () => {
    const result = await pipeline('p', { input: z.object({ text: z.string() }) })
      .then(words)
      .then(count)
      .output(({ input, steps }) => ({ text: input.text, words: steps.count }))
      .run({ text: 'a b' });
    expect(result.output).toEqual({ text: 'a b', words: 2 });
  });

  it('refuses a bad option when the pipeline is built, naming it, where it is and the value', () => {
    expect(() => pipeline('p', { input: z.array(z.string()) }).map(upper, { concurrency: 0 })).toThrow(
      'Expected `concurrency` of .map("upper") to be a whole number from 1 up, got 0 (number).',
    );
    expect(() =>
      step({ id: 'slow', input: z.number(), output: z.number(), run: (n) => n, timeoutMs: 1.5 }),
    ).toThrow('Expected `timeoutMs` of step "slow" to be a whole number from 1 up, got 1.5 (number).');
  });

  it('refuses model settings the API would refuse, before any call', () => {
    expect(() =>
      llm({
        id: 'ask',
        model: 'gemini-2.5-flash',
        prompt: () => 'x',
        thinking: { budgetTokens: 100, level: 'low' },
      }),
    ).toThrow(/got both; the API refuses that/);
    expect(() => llm({ id: 'ask', model: 'gemini-2.5-flash', prompt: () => 'x', temperature: 3 })).toThrow(
      'Expected `temperature` of llm step "ask" to be a number from 0 to 2, got 3 (number).',
    );
    expect(() =>
      llm({ id: 'ask', model: 'gemini-2.5-flash', prompt: () => 'x', thinking: { budgetTokens: -2 } }),
    ).toThrow(
      'Expected `thinking.budgetTokens` of llm step "ask" to be a whole number from -1 up, got -2 (number).',
    );
  });

  it('refuses two steps with the same id when the pipeline is built', () => {
    expect(() => pipeline('p', { input: z.number() }).then(double).then(double)).toThrow(
      /uses the step id "double" twice/,
    );
  });

  it('rejects with an explanation when a pipeline is awaited like a promise', async () => {
    const flow = pipeline('p', { input: z.number() }).then(double);
    await expect(Promise.resolve(flow)).rejects.toThrow(/Call `.run\(input\)`/);
  });

  it('reports events in order for every step', async () => {
    const events: FlowEvent[] = [];
    await pipeline('p', { input: z.object({ text: z.string() }) })
      .then(words)
      .then(count)
      .run({ text: 'a' }, { onEvent: (event) => events.push(event), runId: 'run-1' });
    expect(events.map((event) => ('stepId' in event ? `${event.type}:${event.stepId}` : event.type))).toEqual(
      ['run-start', 'step-start:words', 'step-end:words', 'step-start:count', 'step-end:count', 'run-end'],
    );
    expect(events.every((event) => event.runId === 'run-1')).toBe(true);
  });
});
