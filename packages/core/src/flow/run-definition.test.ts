import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RunFailedError } from './errors/run-stopped-error.js';
import type { FunctionStepDefinition, PipelineDefinition, RunContext } from './pipeline-definition.js';
import { stepNode } from './pipeline-definition.js';
import { runPipeline } from './run-pipeline.js';

async function failure(promise: Promise<unknown>): Promise<RunFailedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RunFailedError);
  return error as RunFailedError;
}

function fn(id: string, run: (input: unknown, context: RunContext) => unknown): FunctionStepDefinition {
  return { kind: 'function', id, run: (input, step) => run(input, step.run) };
}

describe('running a plain definition (what the YAML loader produces)', () => {
  it('computes step inputs from the input and earlier results by id', async () => {
    const definition: PipelineDefinition = {
      id: 'plain',
      input: z.object({ text: z.string(), lang: z.string() }),
      nodes: [
        stepNode(
          fn('words', (input) => String(input).split(' ')),
          (context) => (context.input as { text: string }).text,
        ),
        stepNode(
          fn('label', (input) => input),
          (context) =>
            `${(context.steps.words as string[]).length} words in ${(context.input as { lang: string }).lang}`,
        ),
      ],
      output: (context) => ({ label: context.steps.label, last: context.last }),
    };
    const result = await runPipeline(definition, { text: 'a b c', lang: 'en' });
    expect(result.output).toEqual({ label: '3 words in en', last: '3 words in en' });
  });

  it('gives every map element its own scope, so steps inside see only their element', async () => {
    const definition: PipelineDefinition = {
      id: 'plain',
      nodes: [
        {
          kind: 'map',
          id: 'each',
          over: (context) => context.input,
          concurrency: 3,
          body: {
            kind: 'sequence',
            nodes: [
              stepNode(fn('double', (input) => (input as number) * 2)),
              stepNode(
                fn('describe', (input) => input),
                (context) => `#${context.index}: ${String(context.item)} -> ${String(context.steps.double)}`,
              ),
            ],
          },
        },
      ],
    };
    const result = await runPipeline(definition, [1, 2, 3]);
    expect(result.output).toEqual(['#0: 1 -> 2', '#1: 2 -> 4', '#2: 3 -> 6']);
    expect(result.steps).toEqual({ each: ['#0: 1 -> 2', '#1: 2 -> 4', '#2: 3 -> 6'] });
    expect(result.records.map((record) => record.path).sort()).toEqual([
      'each[0].describe',
      'each[0].double',
      'each[1].describe',
      'each[1].double',
      'each[2].describe',
      'each[2].double',
    ]);
  });

  it('records composite nodes under their id when they have one', async () => {
    const definition: PipelineDefinition = {
      id: 'plain',
      nodes: [
        {
          kind: 'parallel',
          id: 'both',
          branches: { a: stepNode(fn('a', () => 1)), b: stepNode(fn('b', () => 2)) },
        },
        {
          kind: 'branch',
          id: 'pick',
          condition: (context) => (context.steps.both as { a: number }).a === 1,
          whenTrue: stepNode(fn('yes', () => 'yes')),
        },
      ],
    };
    const result = await runPipeline(definition, null);
    expect(result.steps).toEqual({ a: 1, b: 2, both: { a: 1, b: 2 }, yes: 'yes', pick: 'yes' });
  });

  it('names the node whose condition or input selector threw', async () => {
    const throwing = (): never => {
      throw new Error('steps.missing is undefined');
    };
    const branch = await failure(
      runPipeline(
        {
          id: 'plain',
          nodes: [{ kind: 'branch', id: 'gate', condition: throwing, whenTrue: stepNode(fn('x', () => 1)) }],
        },
        null,
      ),
    );
    expect(branch).toBeInstanceOf(RunFailedError);
    expect(branch.stepId).toBe('gate');
    const selector = await failure(
      runPipeline(
        {
          id: 'plain',
          nodes: [
            stepNode(
              fn('uses', () => 1),
              throwing,
            ),
          ],
        },
        null,
      ),
    );
    expect(selector.stepId).toBe('uses');
    expect(selector.message).toBe('Pipeline "plain" failed at step "uses": steps.missing is undefined');
  });

  it('fails an llm step clearly when the run has no model provider', async () => {
    const error = await failure(
      runPipeline(
        {
          id: 'plain',
          nodes: [stepNode({ kind: 'llm', id: 'ask', model: 'gemini-2.5-flash', prompt: () => 'hi' })],
        },
        null,
      ),
    );
    expect(error.message).toMatch(
      /Step "ask" calls model "gemini-2.5-flash", but the run has no model provider/,
    );
  });
});
