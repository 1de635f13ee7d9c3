import { tool as langchainTool } from '@langchain/core/tools';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent } from '../flow/agent.js';
import { llm } from '../flow/llm.js';
import { pipeline } from '../flow/pipeline.js';
import { callsAnswer, testApiKey, textAnswer, useFlowEmulator } from '../flow/test-support/flow-emulator.js';
import { RunTelemetry } from './run-telemetry.js';

const setup = useFlowEmulator();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');

afterEach(() => exporter.reset());

function spans(): ReadableSpan[] {
  return exporter.getFinishedSpans();
}
function spanNamed(name: string): ReadableSpan {
  const found = spans().find((span) => span.name === name);
  if (!found)
    throw new Error(
      `no span "${name}" among ${spans()
        .map((span) => span.name)
        .join(', ')}`,
    );
  return found;
}
function childrenOf(parent: ReadableSpan): ReadableSpan[] {
  return spans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);
}
const overloaded = {
  status: 503,
  body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
};
const notFound = {
  status: 404,
  body: { error: { code: 404, message: 'models/gemini-2.5-pro is not found.', status: 'NOT_FOUND' } },
};

describe('pipeline run traces', () => {
  it('nest pipeline -> step -> chat -> attempts, with GenAI attributes, cost and the retry as an event', async () => {
    setup.script(
      { model: 'gemini-2.5-flash', error: overloaded },
      { model: 'gemini-2.5-flash', response: textAnswer('Bonjour', { prompt: 12, output: 3, thoughts: 5 }) },
    );
    const ask = llm({
      id: 'translate',
      model: 'gemini-2.5-flash',
      input: z.string(),
      prompt: (text) => `Translate: ${text}`,
      temperature: 0.2,
      maxOutputTokens: 256,
    });
    await pipeline('greet', { input: z.string() })
      .then(ask)
      .run('Hello', { gateway: setup.gateway(), telemetry: { tracer } });

    const run = spanNamed('pipeline greet');
    expect(run.parentSpanContext).toBeUndefined();
    expect(run.attributes).toMatchObject({
      'tokenflow.pipeline.id': 'greet',
      'tokenflow.run.status': 'success',
    });
    const step = spanNamed('step translate');
    expect(childrenOf(run)).toEqual([step]);
    expect(step.attributes).toMatchObject({
      'tokenflow.step.kind': 'llm',
      'tokenflow.step.status': 'success',
    });
    const chat = spanNamed('chat gemini-2.5-flash');
    expect(childrenOf(step)).toEqual([chat]);
    expect(chat.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'tokenoff',
      'gen_ai.request.model': 'gemini-2.5-flash',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.response.model': 'gemini-2.5-flash',
      'gen_ai.response.finish_reasons': ['STOP'],
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 8,
      'tokenflow.usage.thinking_tokens': 5,
      'tokenflow.attempts': 2,
    });
    expect(chat.attributes['tokenflow.cost_usd']).toBeGreaterThan(0);
    expect(chat.attributes['gen_ai.input.messages']).toBeUndefined();
    expect(chat.attributes['gen_ai.output.messages']).toBeUndefined();
    const attempts = childrenOf(chat).sort(
      (a, b) =>
        Number(a.attributes['tokenflow.attempt.number']) - Number(b.attributes['tokenflow.attempt.number']),
    );
    expect(
      attempts.map((span) => [span.name, span.attributes['tokenflow.attempt.number'], span.status.code]),
    ).toEqual([
      ['attempt gemini-2.5-flash', 1, SpanStatusCode.ERROR],
      ['attempt gemini-2.5-flash', 2, SpanStatusCode.OK],
    ]);
    expect(attempts[0]?.attributes).toMatchObject({
      'error.type': 'overloaded',
      'http.response.status_code': 503,
    });
    expect(chat.events.map((event) => [event.name, event.attributes?.['tokenflow.reason']])).toContainEqual([
      'tokenflow.retry',
      'overloaded',
    ]);
  });

  it('record a fallback as an event and the answering model as gen_ai.response.model', async () => {
    setup.script(
      { model: 'gemini-2.5-pro', error: notFound },
      { model: 'gemini-2.5-flash', response: textAnswer('ok') },
    );
    const ask = llm({ id: 'ask', model: 'gemini-2.5-pro', input: z.string(), prompt: (text) => text });
    await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hi', { gateway: setup.gateway(), telemetry: { tracer } });
    const chat = spanNamed('chat gemini-2.5-pro');
    expect(chat.attributes).toMatchObject({
      'gen_ai.request.model': 'gemini-2.5-pro',
      'gen_ai.response.model': 'gemini-2.5-flash',
      'tokenflow.fallback.from': 'gemini-2.5-pro',
    });
    const fallback = chat.events.find((event) => event.name === 'tokenflow.fallback');
    expect(fallback?.attributes).toMatchObject({
      'tokenflow.fallback.from': 'gemini-2.5-pro',
      'tokenflow.fallback.to': 'gemini-2.5-flash',
    });
    expect(
      childrenOf(chat)
        .map((span) => span.name)
        .sort(),
    ).toEqual(['attempt gemini-2.5-flash', 'attempt gemini-2.5-pro']);
  });

  it('give agent tool calls execute_tool spans under the step, without arguments or results by default', async () => {
    setup.script(
      { response: callsAnswer([{ name: 'add', args: { a: 2, b: 3 } }]) },
      { response: textAnswer('5') },
    );
    const add = langchainTool(({ a, b }) => String(a + b), {
      name: 'add',
      description: 'Adds two numbers.',
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const helper = agent({ id: 'helper', model: 'gemini-2.5-flash', tools: [add] });
    await pipeline('tools', { input: z.string() })
      .then(helper)
      .run('2+3?', { gateway: setup.gateway(), telemetry: { tracer } });
    const step = spanNamed('step helper');
    expect(step.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'helper',
    });
    const toolSpan = spanNamed('execute_tool add');
    expect(toolSpan.parentSpanContext?.spanId).toBe(step.spanContext().spanId);
    expect(toolSpan.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'add',
      'tokenflow.tool.status': 'success',
    });
    expect(toolSpan.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(toolSpan.attributes['gen_ai.tool.call.result']).toBeUndefined();
    expect(childrenOf(step).filter((span) => span.name === 'chat gemini-2.5-flash')).toHaveLength(2);
  });

  it('record prompts, answers and tool content only when asked to, and never the key', async () => {
    setup.script(
      { response: callsAnswer([{ name: 'add', args: { a: 2, b: 3 } }]) },
      { response: textAnswer('It is 5.') },
    );
    const add = langchainTool(({ a, b }) => String(a + b), {
      name: 'add',
      description: 'Adds two numbers.',
      schema: z.object({ a: z.number(), b: z.number() }),
    });
    const helper = agent({ id: 'helper', model: 'gemini-2.5-flash', tools: [add] });
    await pipeline('tools', { input: z.string() })
      .then(helper)
      .run('What is 2+3?', { gateway: setup.gateway(), telemetry: { tracer, recordContent: true } });
    const chats = spans().filter((span) => span.name === 'chat gemini-2.5-flash');
    const input = JSON.parse(String(chats[0]?.attributes['gen_ai.input.messages']));
    expect(input).toContainEqual({ role: 'user', parts: [{ type: 'text', content: 'What is 2+3?' }] });
    const output = chats.map((span) => String(span.attributes['gen_ai.output.messages']));
    expect(output.join('\n')).toContain('It is 5.');
    expect(spanNamed('execute_tool add').attributes).toMatchObject({
      'gen_ai.tool.call.arguments': '{"a":2,"b":3}',
      'gen_ai.tool.call.result': '5',
    });
    expect(JSON.stringify(spans().map((span) => [span.attributes, span.events, span.status]))).not.toContain(
      testApiKey,
    );
  });

  it('mark a failed call, its step and the run as errors with error.type', async () => {
    setup.script({ model: 'gemini-2.5-flash-lite', error: notFound, times: 5 });
    const ask = llm({ id: 'ask', model: 'gemini-2.5-flash-lite', input: z.string(), prompt: (text) => text });
    await expect(
      pipeline('p', { input: z.string() })
        .then(ask)
        .run('hi', { gateway: setup.gateway({ fallback: {} }), telemetry: { tracer } }),
    ).rejects.toThrow();
    const chat = spanNamed('chat gemini-2.5-flash-lite');
    expect(chat.status.code).toBe(SpanStatusCode.ERROR);
    expect(chat.attributes['error.type']).toBe('not_found');
    expect(spanNamed('step ask').status.code).toBe(SpanStatusCode.ERROR);
    expect(spanNamed('pipeline p').attributes['tokenflow.run.status']).toBe('error');
  });

  it('skip model call tracing altogether when no SDK is registered (the global API is a no-op)', () => {
    const telemetry = new RunTelemetry();
    telemetry.onFlowEvent({ type: 'run-start', runId: 'r', pipelineId: 'p', startedAt: 0 });
    expect(
      telemetry.startModelCall('ask', { model: 'gemini-2.5-flash', settings: {}, messages: [] }),
    ).toBeUndefined();
  });

  it('make no spans with telemetry off', async () => {
    setup.script({ response: textAnswer('ok') });
    const ask = llm({ id: 'ask', model: 'gemini-2.5-flash', input: z.string(), prompt: (text) => text });
    await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hi', { gateway: setup.gateway(), telemetry: false });
    expect(spans()).toEqual([]);
  });
});
