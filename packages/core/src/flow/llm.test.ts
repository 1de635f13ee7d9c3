import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { costOf } from '../models/cost-of.js';
import { defaultModelCatalog } from '../models/model-catalog.js';
import { RunFailedError } from './errors/run-stopped-error.js';
import { StepTimeoutError } from './errors/step-timeout-error.js';
import { StructuredOutputError } from './errors/structured-output-error.js';
import type { FlowEvent } from './flow-events.js';
import { llm } from './llm.js';
import { pipeline } from './pipeline.js';
import { testApiKey, textAnswer, useFlowEmulator } from './test-support/flow-emulator.js';

const setup = useFlowEmulator();

const invoice = z.object({
  vendor: z.string(),
  total: z.number(),
  lines: z.array(z.object({ item: z.string(), amount: z.number() })),
});

const extract = llm({
  id: 'extract',
  model: 'gemini-2.5-flash',
  input: z.object({ text: z.string() }),
  prompt: ({ text }) => `Extract the invoice:\n${text}`,
  output: invoice,
  repair: { maxAttempts: 3 },
  escalation: { models: [] },
});
const flow = pipeline('invoices', { input: z.object({ text: z.string() }) }).then(extract);
const valid = { vendor: 'ACME', total: 12.5, lines: [{ item: 'bolts', amount: 12.5 }] };

function bodyOf(index: number): {
  contents: { role: string; parts: { text?: string }[] }[];
  generationConfig: Record<string, unknown>;
} {
  return setup.generateRequests()[index]?.body as never;
}

describe('llm steps', () => {
  it('returns the answer text and meters usage and cost with thinking tokens included', async () => {
    setup.script({ response: textAnswer('A short summary.', { prompt: 100, output: 20, thoughts: 30 }) });
    const summarize = llm({
      id: 'summary',
      model: 'gemini-2.5-flash',
      input: z.string(),
      prompt: (text) => `Summarize: ${text}`,
    });
    const result = await pipeline('p', { input: z.string() })
      .then(summarize)
      .run('long text', { gateway: setup.gateway() });
    expect(result.output).toBe('A short summary.');
    const record = result.records[0];
    expect(record?.usage).toMatchObject({ inputTokens: 100, outputTokens: 50, reasoningTokens: 30 });
    expect(record?.costUsd).toBeCloseTo(
      costOf(defaultModelCatalog['gemini-2.5-flash'] as never, record?.usage ?? (undefined as never)),
      12,
    );
    expect(result.costUsd).toBe(record?.costUsd);
    expect(result.usage.reasoningTokens).toBe(30);
  });

  it('asks for native structured output with a responseSchema Gemini accepts', async () => {
    setup.script({ response: textAnswer(JSON.stringify(valid)) });
    const result = await flow.run({ text: 'ACME, bolts 12.50' }, { gateway: setup.gateway() });
    expect(result.output).toEqual(valid);
    const config = bodyOf(0).generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    const schema = JSON.stringify(config.responseSchema);
    expect(schema).toContain('"propertyOrdering":["vendor","total","lines"]');
    expect(schema).not.toMatch(/additionalProperties|\$schema|\$ref|\$defs/);
  });

  it('gets a schema-valid answer from the emulator model without any script', async () => {
    const result = await flow.run({ text: 'ACME sold bolts for 12.50' }, { gateway: setup.gateway() });
    expect(invoice.safeParse(result.output).success).toBe(true);
  });

  it('repairs invalid JSON and then a schema mismatch, telling the model exactly what was wrong', async () => {
    setup.script(
      { response: textAnswer('{"vendor": "ACME", "total": 12.5,') },
      { response: textAnswer(JSON.stringify({ ...valid, total: '12.50' })) },
      { response: textAnswer(JSON.stringify(valid)) },
    );
    const events: FlowEvent[] = [];
    const result = await flow.run(
      { text: 'x' },
      { gateway: setup.gateway(), onEvent: (event) => events.push(event) },
    );
    expect(result.output).toEqual(valid);
    expect(events.filter((event) => event.type === 'output-repair')).toHaveLength(2);
    const second = bodyOf(1).contents.at(-1)?.parts[0]?.text ?? '';
    expect(second).toContain('is not valid JSON');
    expect(second).toContain('{"vendor": "ACME", "total": 12.5,');
    const third = bodyOf(2).contents.at(-1)?.parts[0]?.text ?? '';
    expect(third).toContain('at total: expected number, found "12.50" (string)');
    // The conversation keeps the model's own answers between the repair turns.
    expect(bodyOf(2).contents.map((content) => content.role)).toEqual([
      'user',
      'model',
      'user',
      'model',
      'user',
    ]);
    expect(result.records[0]?.attempts).toBe(3);
    expect(result.records[0]?.transcript).toHaveLength(6);
  });

  it('gives up after maxAttempts with a StructuredOutputError carrying raw text, issues, attempts and cost', async () => {
    setup.script({
      response: textAnswer(JSON.stringify({ vendor: 'ACME' }), { prompt: 50, output: 10 }),
      times: 3,
    });
    const error = await flow
      .run({ text: 'x' }, { gateway: setup.gateway() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFailedError);
    const cause = (error as RunFailedError).cause as StructuredOutputError;
    expect(cause).toBeInstanceOf(StructuredOutputError);
    expect(cause.stepId).toBe('extract');
    expect(cause.attempts).toHaveLength(3);
    expect(cause.rawText).toBe('{"vendor":"ACME"}');
    expect(cause.issues.map((issue) => issue.path.join('.'))).toEqual(['total', 'lines']);
    expect(cause.usage.inputTokens).toBeGreaterThanOrEqual(150);
    expect(cause.costUsd).toBeGreaterThan(0);
    expect((error as RunFailedError).completed.costUsd).toBe(cause.costUsd);
    expect(setup.generateRequests()).toHaveLength(3);
  });

  it('escalates to the next model in the chain when repairs on the first are used up', async () => {
    setup.script(
      { model: 'gemini-2.5-pro', response: textAnswer('not json'), times: 2 },
      { model: 'gemini-2.5-flash', response: textAnswer(JSON.stringify(valid)) },
    );
    const careful = llm({
      id: 'careful',
      model: 'gemini-2.5-pro',
      input: z.string(),
      prompt: (text) => text,
      output: invoice,
      repair: { maxAttempts: 2 },
    });
    const events: FlowEvent[] = [];
    const result = await pipeline('p', { input: z.string() })
      .then(careful)
      .run('x', { gateway: setup.gateway(), onEvent: (event) => events.push(event) });
    expect(result.output).toEqual(valid);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'model-fallback',
        from: 'gemini-2.5-pro',
        to: 'gemini-2.5-flash',
        reason: 'invalid-output',
      }),
    );
    expect(result.records[0]?.models).toEqual(['gemini-2.5-pro', 'gemini-2.5-pro', 'gemini-2.5-flash']);
  });

  it('asks again with more room when thinking used the whole output budget', async () => {
    setup.script(
      {
        response: {
          ...textAnswer(''),
          candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }],
        },
      },
      { response: textAnswer(JSON.stringify(valid)) },
    );
    const tight = llm({
      id: 'tight',
      model: 'gemini-2.5-flash',
      input: z.string(),
      prompt: (text) => text,
      output: invoice,
      maxOutputTokens: 256,
      thinking: { budgetTokens: 200 },
    });
    const result = await pipeline('p', { input: z.string() })
      .then(tight)
      .run('x', { gateway: setup.gateway() });
    expect(result.output).toEqual(valid);
    expect(bodyOf(0).generationConfig).toMatchObject({
      maxOutputTokens: 256,
      thinkingConfig: { thinkingBudget: 200 },
    });
    expect(bodyOf(1).generationConfig).toMatchObject({
      maxOutputTokens: 512,
      thinkingConfig: { thinkingBudget: 100 },
    });
  });

  it('reports a gateway fallback as a model-fallback event of the step', async () => {
    setup.script({
      model: 'gemini-2.5-pro',
      error: {
        status: 404,
        body: { error: { code: 404, message: 'models/gemini-2.5-pro is not found.', status: 'NOT_FOUND' } },
      },
    });
    const ask = llm({ id: 'ask', model: 'gemini-2.5-pro', input: z.string(), prompt: (text) => text });
    const events: FlowEvent[] = [];
    const result = await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hello', { gateway: setup.gateway(), onEvent: (event) => events.push(event) });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'model-fallback',
        stepId: 'ask',
        from: 'gemini-2.5-pro',
        to: 'gemini-2.5-flash',
      }),
    );
    expect(result.records[0]?.models).toEqual(['gemini-2.5-flash']);
  });

  it('never puts the key in the error of a refused call', async () => {
    const ask = llm({ id: 'ask', model: 'gemini-2.5-flash', input: z.string(), prompt: (text) => text });
    const events: FlowEvent[] = [];
    const wrongKey = 'tk-live-WRONG-KEY-91c0';
    const error = await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hello', { gateway: setup.gateway({ apiKey: wrongKey }), onEvent: (event) => events.push(event) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunFailedError);
    const seen = `${String(error)} ${(error as Error).stack} ${JSON.stringify(error)} ${JSON.stringify(events)}`;
    expect(seen).not.toContain(wrongKey);
    expect(seen).not.toContain(testApiKey);
  });

  it('times out a model step as a whole and closes the request in flight', async () => {
    setup.emulator.setFaults({ 'gemini-2.5-flash': { latency: { firstByteMs: 60_000 } } });
    const held = setup.whenRequestHeld();
    const slow = llm({
      id: 'slow',
      model: 'gemini-2.5-flash',
      input: z.string(),
      prompt: (text) => text,
      timeoutMs: 50,
    });
    const outcome = pipeline('p', { input: z.string() })
      .then(slow)
      .run('hello', { gateway: setup.gateway() })
      .catch((caught: unknown) => caught);
    const { released } = await held;
    await released;
    const error = await outcome;
    expect(error).toBeInstanceOf(RunFailedError);
    expect((error as RunFailedError).cause).toBeInstanceOf(StepTimeoutError);
    expect((error as RunFailedError).message).toContain(
      'Step "slow" did not finish within its timeout of 50 ms',
    );
  });

  it('reports gateway retries as model-retry events of the step, and never shows the key', async () => {
    setup.script(
      {
        error: {
          status: 503,
          body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
        },
      },
      { response: textAnswer(JSON.stringify(valid)) },
    );
    const run = flow.stream({ text: 'x' }, { gateway: setup.gateway() });
    const events: FlowEvent[] = [];
    for await (const event of run) events.push(event);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'model-retry',
        stepId: 'extract',
        model: 'gemini-2.5-flash',
        attempt: 1,
      }),
    );
    expect(JSON.stringify(events)).not.toContain(testApiKey);
    expect(JSON.stringify(await run.result)).not.toContain(testApiKey);
  });
});
