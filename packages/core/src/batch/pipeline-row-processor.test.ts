import { join } from 'node:path';
import { type EmulatorHandle, startEmulator } from '@tokenflow/emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { llm } from '../flow/llm.js';
import { pipeline } from '../flow/pipeline.js';
import { createGateway } from '../gateway/model-gateway.js';
import { pipelineRowProcessor } from './pipeline-row-processor.js';
import type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
import { runBatch } from './run-batch.js';
import { makeTempDir, readJsonl, writeJsonl } from './test-support/batch-test-files.js';

const apiKey = 'tk-live-BATCH-SECRET-91c2e7';
const start = Date.UTC(2026, 0, 15, 12);

/** The gateway's backoff waits return at once (time moves forward), so retries need no real waiting. */
function instantClock() {
  let time = start;
  return {
    now: () => time,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      time += Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

const summarize = pipeline('summarize', { input: z.object({ id: z.string(), text: z.string() }) }).then(
  llm({
    id: 'summary',
    model: 'gemini-2.5-pro',
    input: z.object({ id: z.string(), text: z.string() }),
    prompt: ({ text }) => `Summarize in one short sentence: ${text}`,
  }),
);

describe('pipelineRowProcessor over the emulator', () => {
  let emulator: EmulatorHandle;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    // A fixed clock: on the real one, a run across midnight Pacific time would reset the day quota.
    emulator = await startEmulator({ apiKeys: [apiKey], now: () => start });
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    emulator.setFaults({});
    await temp.remove();
  });

  it('runs the pipeline per row and records models, thinking tokens, cost and fallbacks', async () => {
    // The pro model's daily quota runs out after 5 requests: later rows fall back to flash.
    emulator.setFaults({ 'gemini-2.5-pro': { quota: { requestsPerDay: 5 } } });
    const input = join(temp.dir, 'rows.jsonl');
    const output = join(temp.dir, 'out.jsonl');
    await writeJsonl(
      input,
      Array.from({ length: 24 }, (_, n) => ({
        id: `doc-${n}`,
        text: `Document ${n} talks about topic ${n % 5}.`,
      })),
    );
    const gateway = createGateway({
      apiKey,
      baseUrl: emulator.url,
      clock: instantClock(),
      random: () => 0.5,
    });
    const summary = await runBatch({
      input: { path: input, idField: 'id' },
      output,
      concurrency: 4,
      process: pipelineRowProcessor(summarize, { gateway }),
    });
    const lines = await readJsonl<BatchOutputLine<string>>(output);
    expect(summary.rows).toMatchObject({ done: 24, failed: 0 });
    expect(lines).toHaveLength(24);
    expect(lines.every((line) => typeof line.output === 'string' && line.output.length > 0)).toBe(true);
    const proRows = lines.filter((line) => line.meta.models.includes('gemini-2.5-pro'));
    const flashRows = lines.filter((line) => line.meta.models.includes('gemini-2.5-flash'));
    expect(proRows.length).toBeGreaterThan(0);
    expect(flashRows.length).toBeGreaterThan(0);
    expect(proRows.every((line) => line.meta.usage.reasoningTokens > 0)).toBe(true);
    expect(lines.every((line) => line.meta.costUsd > 0 && line.meta.attempts >= 1)).toBe(true);
    expect(flashRows.some((line) => line.meta.fallbacks === 1 && line.meta.attempts >= 2)).toBe(true);
    expect(summary.fallbacks).toBeGreaterThan(0);
    expect(Object.keys(summary.models).sort()).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
    const metaCost = lines.reduce((sum, line) => sum + line.meta.costUsd, 0);
    // Each row and the summary are rounded to 1e-9 USD on their own: 24 rows agree within 24 x 5e-10.
    expect(summary.costUsd).toBeCloseTo(metaCost, 7);
  });

  it('writes rows whose pipeline fails as error rows with the cause, and never the key', async () => {
    const input = join(temp.dir, 'rows.jsonl');
    const output = join(temp.dir, 'out.jsonl');
    await writeJsonl(input, [
      { id: 'good', text: 'fine' },
      { id: 'bad', text: 42 },
    ]);
    const gateway = createGateway({
      apiKey,
      baseUrl: emulator.url,
      clock: instantClock(),
      random: () => 0.5,
    });
    const summary = await runBatch({
      input: { path: input, idField: 'id' },
      output,
      process: pipelineRowProcessor(summarize.definition, { gateway }),
    });
    expect(summary.rows).toMatchObject({ done: 1, failed: 1 });
    const errors = await readJsonl<BatchErrorLine>(join(temp.dir, 'out.errors.jsonl'));
    expect(errors[0]).toMatchObject({ id: 'bad', line: 2 });
    expect(errors[0]?.error.message).toMatch(/Pipeline "summarize" failed/);
    for (const file of ['out.jsonl', 'out.errors.jsonl', 'out.journal.jsonl']) {
      expect(JSON.stringify(await readJsonl(join(temp.dir, file)))).not.toContain(apiKey);
    }
  });
});
