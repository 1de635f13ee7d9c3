import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchEvent } from './batch-events.js';
import { runBatch } from './run-batch.js';
import { makeTempDir, numberedRows, servedCall, writeJsonl } from './test-support/batch-test-files.js';
import { controlledProcessor } from './test-support/controlled-processor.js';

type Row = { id: string; n: number };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let inputPath: string;
let outputPath: string;
beforeEach(async () => {
  temp = await makeTempDir();
  inputPath = join(temp.dir, 'in.jsonl');
  outputPath = join(temp.dir, 'out.jsonl');
  await writeJsonl(inputPath, numberedRows(100));
});
afterEach(() => temp.remove());

describe('runBatch cost budget', () => {
  it('stops scheduling before the next row could cross maxCostUsd, and says how far it got', async () => {
    const events: BatchEvent[] = [];
    const summary = await runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 1,
      maxCostUsd: 0.1,
      onEvent: (event) => events.push(event),
      process: async () => ({ output: 'x', calls: [servedCall({ costUsd: 0.03 })] }),
    });
    // 3 rows cost 0.09; a 4th (estimated 0.03) would reach 0.12.
    expect(summary.stopReason).toBe('budget-reached');
    expect(summary.rows.done).toBe(3);
    expect(summary.costUsd).toBeCloseTo(0.09);
    expect(summary.resumeHint).toMatch(/budget of \$0.1 was reached\. 3 of 100 rows are finished/);
    expect(events).toContainEqual({ type: 'batch-stop', reason: 'budget-reached', inFlight: 0 });
  });

  it('counts in-flight rows at the mean cost so concurrency cannot overshoot the cap', async () => {
    const held = controlledProcessor<Row>();
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 10,
      maxCostUsd: 1,
      process: held.process,
    });
    // No cost known yet: a single probe row.
    await held.whenStarted(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.held).toHaveLength(1);
    held.held[0]?.resolve({ output: 0, calls: [servedCall({ costUsd: 0.2 })] });
    // Mean 0.2, spent 0.2: at most 4 more in flight (0.2 + 4 * 0.2 = 1.0).
    await held.whenStarted(5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.held).toHaveLength(5);
    for (const call of held.held.slice(1)) call.resolve({ output: 1, calls: [servedCall({ costUsd: 0.2 })] });
    const summary = await run;
    expect(summary).toMatchObject({ stopReason: 'budget-reached', rows: { done: 5 } });
    expect(summary.costUsd).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('uses the mean cost of earlier runs when resuming, and applies the budget to each run', async () => {
    const process = async () => ({ output: 'x', calls: [servedCall({ costUsd: 0.25 })] });
    const options = {
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 4,
      process,
    };
    const first = await runBatch<Row>({ ...options, maxCostUsd: 0.5 });
    expect(first.rows.done).toBe(2);
    const second = await runBatch<Row>({ ...options, maxCostUsd: 0.5 });
    expect(second).toMatchObject({
      stopReason: 'budget-reached',
      previousCostUsd: 0.5,
      rows: { skipped: 2, done: 2 },
    });
  });
});
