import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { llm } from '../flow/llm.js';
import { pipeline } from '../flow/pipeline.js';
import { textAnswer, useFlowEmulator } from '../flow/test-support/flow-emulator.js';

const setup = useFlowEmulator();

/** A reader that collects only when the test asks (no export timer). */
class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

async function collected(reader: OnDemandReader) {
  const { resourceMetrics } = await reader.collect();
  const metrics = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  return (name: string) => metrics.find((metric) => metric.descriptor.name === name)?.dataPoints ?? [];
}

const overloaded = {
  status: 503,
  body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
};
const rateLimited = {
  status: 429,
  body: { error: { code: 429, message: 'Resource has been exhausted.', status: 'RESOURCE_EXHAUSTED' } },
};
const dailyQuota = {
  status: 429,
  body: {
    error: {
      code: 429,
      message: 'You exceeded your current quota.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel', quotaValue: '1000' }],
        },
      ],
    },
  },
};
const notFound = {
  status: 404,
  body: { error: { code: 404, message: 'models/gemini-2.5-pro is not found.', status: 'NOT_FOUND' } },
};

describe('model call metrics', () => {
  it('count tokens by type, duration, cost, retries, 429s and fallbacks per model', async () => {
    const reader = new OnDemandReader();
    const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
    setup.script(
      { model: 'gemini-2.5-pro', error: notFound },
      { model: 'gemini-2.5-flash', error: overloaded },
      { model: 'gemini-2.5-flash', error: rateLimited },
      { model: 'gemini-2.5-flash', response: textAnswer('ok', { prompt: 30, output: 4, thoughts: 6 }) },
    );
    const ask = llm({ id: 'ask', model: 'gemini-2.5-pro', input: z.string(), prompt: (text) => text });
    await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hi', { gateway: setup.gateway(), telemetry: { meter } });
    const points = await collected(reader);

    const tokens = points('gen_ai.client.token.usage') as DataPoint<Histogram>[];
    const tokensOf = (type: string) =>
      tokens.find((point) => point.attributes['gen_ai.token.type'] === type)?.value.sum;
    expect(tokensOf('input')).toBe(30);
    expect(tokensOf('output')).toBe(10);
    expect(tokens[0]?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'tokenoff',
      'gen_ai.request.model': 'gemini-2.5-pro',
      'gen_ai.response.model': 'gemini-2.5-flash',
    });
    const durations = points('gen_ai.client.operation.duration') as DataPoint<Histogram>[];
    expect(durations.map((point) => point.value.count)).toEqual([1]);
    const [cost] = points('tokenflow.client.cost');
    expect(cost?.value).toBeGreaterThan(0);

    const byModel = (name: string) =>
      Object.fromEntries(
        points(name).map((point) => [`${point.attributes['gen_ai.request.model']}`, point.value]),
      );
    expect(byModel('tokenflow.client.fallbacks')).toEqual({ 'gemini-2.5-pro': 1 });
    expect(points('tokenflow.client.retries').reduce((sum, point) => sum + Number(point.value), 0)).toBe(2);
    expect(byModel('tokenflow.client.rate_limited')).toEqual({ 'gemini-2.5-flash': 1 });
  });

  it('count a circuit opening on a daily-quota 429, with the fallback it causes, and show it on the call span', async () => {
    const reader = new OnDemandReader();
    const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
      't',
    );
    setup.script(
      { model: 'gemini-2.5-pro', error: dailyQuota },
      { model: 'gemini-2.5-flash', response: textAnswer('ok') },
    );
    const ask = llm({ id: 'ask', model: 'gemini-2.5-pro', input: z.string(), prompt: (text) => text });
    await pipeline('p', { input: z.string() })
      .then(ask)
      .run('hi', { gateway: setup.gateway(), telemetry: { meter, tracer } });
    const points = await collected(reader);
    const byModel = (name: string) =>
      Object.fromEntries(
        points(name).map((point) => [`${point.attributes['gen_ai.request.model']}`, point.value]),
      );
    expect(byModel('tokenflow.client.circuit_openings')).toEqual({ 'gemini-2.5-pro': 1 });
    expect(byModel('tokenflow.client.rate_limited')).toEqual({ 'gemini-2.5-pro': 1 });
    expect(byModel('tokenflow.client.fallbacks')).toEqual({ 'gemini-2.5-pro': 1 });
    const chat = exporter.getFinishedSpans().find((span) => span.name === 'chat gemini-2.5-pro');
    // (A tokenflow.wait event may come first on a busy machine: it measures real time.)
    const decisions = chat?.events.filter((event) => event.name !== 'tokenflow.wait') ?? [];
    expect(decisions.map((event) => [event.name, event.attributes?.['tokenflow.reason']])).toEqual([
      ['tokenflow.circuit_open', 'quota_exhausted'],
      ['tokenflow.fallback', 'quota_exhausted'],
    ]);
  });

  it('record a failed call with its error.type', async () => {
    const reader = new OnDemandReader();
    const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
    setup.script({ model: 'gemini-2.5-flash-lite', error: notFound, times: 3 });
    const ask = llm({ id: 'ask', model: 'gemini-2.5-flash-lite', input: z.string(), prompt: (text) => text });
    await expect(
      pipeline('p', { input: z.string() })
        .then(ask)
        .run('hi', { gateway: setup.gateway({ fallback: false }), telemetry: { meter } }),
    ).rejects.toThrow();
    const points = await collected(reader);
    const [duration] = points('gen_ai.client.operation.duration');
    expect(duration?.attributes['error.type']).toBe('not_found');
    expect(points('gen_ai.client.token.usage')).toEqual([]);
  });
});
