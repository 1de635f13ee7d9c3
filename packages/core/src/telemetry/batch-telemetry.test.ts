import { join } from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pipelineRowProcessor } from '../batch/pipeline-row-processor.js';
import { runBatch } from '../batch/run-batch.js';
import { makeTempDir, writeJsonl } from '../batch/test-support/batch-test-files.js';
import { llm } from '../flow/llm.js';
import { pipeline } from '../flow/pipeline.js';
import { textAnswer, useFlowEmulator } from '../flow/test-support/flow-emulator.js';

const setup = useFlowEmulator();
const exporter = new InMemorySpanExporter();
const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
  'test',
);

const summarize = pipeline('summarize', { input: z.object({ id: z.string(), text: z.string() }) }).then(
  llm({
    id: 'summary',
    model: 'gemini-2.5-flash-lite',
    input: z.object({ id: z.string(), text: z.string() }),
    prompt: ({ text }) => `Summarize: ${text}`,
  }),
);

describe('batch run traces', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    exporter.reset();
    await temp.remove();
  });

  it('nest batch -> row -> the row pipeline run in one trace, with row ids and failed rows marked', async () => {
    setup.script(
      { prompt: 'good', response: textAnswer('fine') },
      {
        prompt: 'bad',
        times: 5,
        error: {
          status: 400,
          body: { error: { code: 400, message: 'Bad request.', status: 'INVALID_ARGUMENT' } },
        },
      },
    );
    const input = join(temp.dir, 'rows.jsonl');
    await writeJsonl(input, [
      { id: 'a', text: 'good' },
      { id: 'b', text: 'bad' },
    ]);
    await runBatch({
      input: { path: input, idField: 'id' },
      output: join(temp.dir, 'out.jsonl'),
      process: pipelineRowProcessor(summarize, { gateway: setup.gateway() }),
      concurrency: 1,
      telemetry: { tracer },
    });
    const spans = exporter.getFinishedSpans();
    const named = (name: string) => spans.filter((span) => span.name === name);
    const [batch] = named('batch');
    expect(batch?.parentSpanContext).toBeUndefined();
    expect(batch?.attributes['tokenflow.batch.id']).toEqual(expect.any(String));
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    const rows = named('row');
    const rowById = (id: string) =>
      rows.find((span) => span.attributes['tokenflow.row.id'] === id) as ReadableSpan;
    for (const row of rows) expect(row.parentSpanContext?.spanId).toBe(batch?.spanContext().spanId);
    expect(rowById('a').attributes).toMatchObject({
      'tokenflow.row.status': 'done',
      'tokenflow.row.index': 0,
    });
    expect(rowById('b').attributes).toMatchObject({
      'tokenflow.row.status': 'failed',
      'error.type': 'invalid_request',
    });
    expect(rowById('b').status.code).toBe(SpanStatusCode.ERROR);
    const runs = named('pipeline summarize');
    expect(runs.map((run) => run.parentSpanContext?.spanId).sort()).toEqual(
      [rowById('a'), rowById('b')].map((row) => row.spanContext().spanId).sort(),
    );
  });

  it('makes no spans with telemetry off', async () => {
    setup.script({ response: textAnswer('fine') });
    const input = join(temp.dir, 'rows.jsonl');
    await writeJsonl(input, [{ id: 'a', text: 'good' }]);
    await runBatch({
      input: { path: input, idField: 'id' },
      output: join(temp.dir, 'out.jsonl'),
      process: pipelineRowProcessor(summarize, { gateway: setup.gateway(), telemetry: false }),
      telemetry: false,
    });
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
