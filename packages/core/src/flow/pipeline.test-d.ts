import { tool as langchainTool } from '@langchain/core/tools';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { agent } from './agent.js';
import { llm } from './llm.js';
import { pipeline } from './pipeline.js';
import type { StepDefinition } from './pipeline-definition.js';
import { step } from './step.js';
import { tool } from './tool-step.js';

const words = step({
  id: 'words',
  input: z.object({ text: z.string() }),
  output: z.array(z.string()),
  run: ({ text }) => text.split(' '),
});
const upper = step({ id: 'upper', input: z.string(), output: z.string(), run: (word) => word.toUpperCase() });
const count = step({
  id: 'count',
  input: z.array(z.string()),
  output: z.number(),
  run: (list) => list.length,
});
const double = step({ id: 'double', input: z.number(), output: z.number(), run: (n) => n * 2 });
const summary = llm({
  id: 'summary',
  model: 'gemini-2.5-flash',
  input: z.object({ text: z.string() }),
  prompt: ({ text }) => text,
  output: z.object({ bullets: z.array(z.string()) }),
});

describe('step types', () => {
  it('infers input, output and a literal id from the schemas', () => {
    expectTypeOf(words.id).toEqualTypeOf<'words'>();
    expectTypeOf(words.run).parameter(0).toEqualTypeOf<{ text: string }>();
  });

  it('types an llm step by its output schema, or as text without one', () => {
    const text = llm({ id: 'text', model: 'm', input: z.string(), prompt: (input) => input });
    expectTypeOf(text['~types']).toEqualTypeOf<
      { readonly input: string; readonly output: string } | undefined
    >();
    expectTypeOf(summary['~types']).toEqualTypeOf<
      { readonly input: { text: string }; readonly output: { bullets: string[] } } | undefined
    >();
  });

  it('types a tool step by the tool schema and an agent by its output schema', () => {
    const add = langchainTool(({ a, b }: { a: number; b: number }) => String(a + b), {
      name: 'add',
      description: 'adds',
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const adding = tool({ id: 'add', tool: add });
    expectTypeOf(adding['~types']).toEqualTypeOf<
      { readonly input: { a: number; b: number }; readonly output: unknown } | undefined
    >();
    const solver = agent({ id: 'solve', model: 'm', tools: [add], output: z.object({ answer: z.number() }) });
    expectTypeOf(solver['~types']).toEqualTypeOf<
      { readonly input: unknown; readonly output: { answer: number } } | undefined
    >();
  });
});

describe('the plain definition', () => {
  it('accepts every typed step where any step definition is expected', () => {
    const system = llm({
      id: 's',
      model: 'm',
      input: z.string(),
      system: (text) => text,
      prompt: (text) => text,
    });
    const steps: StepDefinition[] = [
      words,
      summary,
      system,
      agent({ id: 'a', model: 'm', input: z.string(), system: (text) => text, tools: [] }),
    ];
    expectTypeOf(steps).toEqualTypeOf<StepDefinition[]>();
  });
});

describe('pipeline types', () => {
  const input = z.object({ text: z.string() });

  it('types results by step id through then()', async () => {
    const flow = pipeline('p', { input }).then(words).then(count).then(double);
    const result = await flow.run({ text: 'a b' });
    expectTypeOf(result.output).toEqualTypeOf<number>();
    expectTypeOf(result.steps).toEqualTypeOf<{ words: string[]; count: number; double: number }>();
  });

  it('takes a step on a value picked from the context, checked against its input', async () => {
    const label = step({
      id: 'label',
      input: z.object({ text: z.string(), count: z.number() }),
      output: z.string(),
      run: ({ text, count }) => `${text}: ${count}`,
    });
    const flow = pipeline('p', { input })
      .then(words)
      .then(count)
      .then(label, ({ input: original, steps }) => ({ text: original.text, count: steps.count }));
    const result = await flow.run({ text: '' });
    expectTypeOf(result.output).toEqualTypeOf<string>();
    pipeline('p', { input })
      .then(words)
      // @ts-expect-error the picked value must have the step's input type
      .then(label, ({ steps }) => ({ text: steps.words, count: 1 }));
  });

  it('rejects a step whose input does not match the previous output, with a readable message', () => {
    const flow = pipeline('p', { input });
    // @ts-expect-error Step input does not match the previous output
    flow.then(double);
    expectTypeOf(flow.then).parameter(0).not.toEqualTypeOf<typeof double>();
  });

  it('types parallel results as an object of outputs', async () => {
    const flow = pipeline('p', { input }).parallel({ list: words, summary });
    const result = await flow.run({ text: '' });
    expectTypeOf(result.output).toEqualTypeOf<{ list: string[]; summary: { bullets: string[] } }>();
    expectTypeOf(result.steps).toEqualTypeOf<{ words: string[]; summary: { bullets: string[] } }>();
    // @ts-expect-error Step input does not match the previous output
    pipeline('p', { input }).parallel({ list: words, bad: double });
  });

  it('types a branch as the union of both outputs, with branch steps optional', async () => {
    const half = step({ id: 'half', input: z.number(), output: z.string(), run: (n) => String(n / 2) });
    const flow = pipeline('p', { input: z.number() }).branch(({ last }) => last > 10, double, half);
    const result = await flow.run(3);
    expectTypeOf(result.output).toEqualTypeOf<number | string>();
    expectTypeOf(result.steps).toEqualTypeOf<{ double?: number; half?: string }>();
    // @ts-expect-error Step input does not match the previous output
    pipeline('p', { input }).branch(() => true, double);
  });

  it('maps only over arrays, with the element type checked', async () => {
    const flow = pipeline('p', { input }).then(words).map(upper, { concurrency: 2 });
    const result = await flow.run({ text: '' });
    expectTypeOf(result.output).toEqualTypeOf<string[]>();
    expectTypeOf(result.steps.upper).toEqualTypeOf<string[]>();
    // @ts-expect-error .map() needs the previous output to be an array
    pipeline('p', { input }).map(upper);
    // @ts-expect-error Step input does not match the array element
    pipeline('p', { input }).then(words).map(double);
  });

  it('loops a step whose output feeds its own input, with a typed condition', async () => {
    const flow = pipeline('p', { input: z.number() }).until(double, ({ last }) => last > 100, {
      maxIterations: 10,
    });
    const result = await flow.run(1);
    expectTypeOf(result.output).toEqualTypeOf<number>();
    // @ts-expect-error Loop step output must be accepted as its own input
    pipeline('p', { input }).until(words, () => true, { maxIterations: 2 });
  });

  it('builds a typed final output from the context', async () => {
    const flow = pipeline('p', { input })
      .then(words)
      .then(count)
      .output(({ input: original, steps }) => ({ text: original.text, count: steps.count }));
    const result = await flow.run({ text: '' });
    expectTypeOf(result.output).toEqualTypeOf<{ text: string; count: number }>();
  });

  it('requires the pipeline input type when running', () => {
    const flow = pipeline('p', { input }).then(words);
    // @ts-expect-error the input must match the pipeline input schema
    void flow.run({ body: 'x' });
  });
});
