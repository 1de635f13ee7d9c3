import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchController } from './batch-controller.js';
import type { BatchEvent } from './batch-events.js';
import type { BatchOutputLine } from './row-lines.js';
import { runBatch } from './run-batch.js';
import { makeTempDir, numberedRows, readJsonl, writeJsonl } from './test-support/batch-test-files.js';
import { controlledProcessor, eventRecorder, manualClock } from './test-support/controlled-processor.js';

type Row = { id: string; n: number };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let inputPath: string;
let outputPath: string;
beforeEach(async () => {
  temp = await makeTempDir();
  inputPath = join(temp.dir, 'in.jsonl');
  outputPath = join(temp.dir, 'out.jsonl');
  await writeJsonl(inputPath, numberedRows(20));
});
afterEach(() => temp.remove());

describe('runBatch stopping', () => {
  it('on a graceful stop takes no new rows and lets in-flight rows finish', async () => {
    const held = controlledProcessor<Row>();
    const controller = new BatchController();
    const events: BatchEvent[] = [];
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 3,
      process: held.process,
      stopSignal: controller.stopSignal,
      signal: controller.signal,
      clock: manualClock(),
      onEvent: (event) => events.push(event),
    });
    await held.whenStarted(3);
    expect(controller.interrupt()).toBe('stop');
    for (const call of held.held) call.resolve({ output: call.row.n });
    const summary = await run;
    expect(held.held).toHaveLength(3);
    expect(summary).toMatchObject({ stopReason: 'stopped', rows: { done: 3, cancelled: 0, finished: 3 } });
    expect(events).toContainEqual({ type: 'batch-stop', reason: 'stop-requested', inFlight: 3 });
    expect(await readJsonl(outputPath)).toHaveLength(3);
  });

  it('cancels in-flight rows when the grace period ends, and runs them on resume', async () => {
    const held = controlledProcessor<Row>();
    const controller = new BatchController();
    const clock = manualClock();
    const recorder = eventRecorder<BatchEvent>();
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 2,
      process: held.process,
      stopSignal: controller.stopSignal,
      clock,
      stop: { gracePeriodMs: 5000 },
      onEvent: recorder.listener,
    });
    await held.whenStarted(2);
    held.held[0]?.resolve({ output: 'first' });
    await recorder.waitFor((event) => event.type === 'row-end');
    await held.whenStarted(3);
    controller.stop();
    expect(clock.sleeping.map((entry) => entry.ms)).toEqual([5000]);
    clock.fire();
    const summary = await run;
    expect(summary).toMatchObject({ stopReason: 'stopped', rows: { done: 1, cancelled: 2 } });
    expect(held.held[1]?.context.signal.aborted).toBe(true);
    expect(recorder.events).toContainEqual({ type: 'batch-stop', reason: 'grace-period-ended', inFlight: 2 });
    const resumedIds: string[] = [];
    const resumed = await runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      process: async (row) => {
        resumedIds.push(row.id);
        return { output: row.n };
      },
    });
    expect(resumed.rows).toMatchObject({ skipped: 1, done: 19 });
    expect(resumedIds).toEqual(expect.arrayContaining([held.held[1]?.row.id, held.held[2]?.row.id]));
    expect((await readJsonl<BatchOutputLine>(outputPath)).map((line) => line.id).sort()).toEqual(
      numberedRows(20)
        .map((row) => row.id)
        .sort(),
    );
  });

  it('on a hard abort cancels in-flight rows at once, even a processor that ignores its signal', async () => {
    const held = controlledProcessor<Row>();
    const controller = new BatchController();
    const recorder = eventRecorder<BatchEvent>();
    const { events } = recorder;
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 4,
      process: held.process,
      stopSignal: controller.stopSignal,
      signal: controller.signal,
      onEvent: recorder.listener,
    });
    await held.whenStarted(4);
    held.held[2]?.resolve({ output: 'done before the abort' });
    await recorder.waitFor((event) => event.type === 'row-end');
    await held.whenStarted(5);
    controller.interrupt();
    expect(controller.interrupt()).toBe('abort');
    const summary = await run;
    expect(summary).toMatchObject({ stopReason: 'aborted', rows: { done: 1, cancelled: 4 } });
    expect(summary.resumeHint).toContain('Run the same command again');
    expect(events.filter((event) => event.type === 'row-cancel')).toHaveLength(4);
    expect(held.held).toHaveLength(5);
    // A late answer from a cancelled row is ignored: nothing more is written.
    held.held[0]?.resolve({ output: 'too late' });
    expect((await readJsonl<BatchOutputLine>(outputPath)).map((line) => line.output)).toEqual([
      'done before the abort',
    ]);
  });

  it('starts nothing when the abort signal is already aborted', async () => {
    const calls: unknown[] = [];
    const summary = await runBatch({
      input: inputPath,
      output: outputPath,
      signal: AbortSignal.abort(),
      process: async (row) => {
        calls.push(row);
        return { output: 1 };
      },
    });
    expect(summary.stopReason).toBe('aborted');
    expect(calls).toEqual([]);
  });
});

describe('runBatch flow control', () => {
  it('keeps at most `concurrency` rows in the processor and `window` rows uncommitted', async () => {
    const held = controlledProcessor<Row>();
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 3,
      limits: { window: 5 },
      process: held.process,
    });
    await held.whenStarted(3);
    // Nothing resolves, so nothing more may start however long we let the reader go.
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.held).toHaveLength(3);
    let next = 0;
    while (next < 20) {
      await held.whenStarted(next + 1);
      held.held[next]?.resolve({ output: next });
      next += 1;
    }
    await run;
    expect(held.maxInFlight).toBe(3);
  });

  it('does not start a row more than maxSpan rows past the oldest unfinished one', async () => {
    const held = controlledProcessor<Row>();
    const recorder = eventRecorder<BatchEvent>();
    const run = runBatch<Row>({
      input: { path: inputPath, idField: 'id' },
      output: outputPath,
      concurrency: 4,
      limits: { maxSpan: 3 },
      process: held.process,
      onEvent: recorder.listener,
    });
    await held.whenStarted(3);
    // Row 0 is stuck; rows 1 and 2 finish, yet row 3 may not start (3 - 0 >= maxSpan). The runner has
    // taken both finishes in once their row-end events are out, so a wrong start would have come by then.
    held.held[1]?.resolve({ output: 1 });
    held.held[2]?.resolve({ output: 2 });
    await recorder.waitFor((event) => event.type === 'row-end' && event.progress.done === 2);
    expect(held.held.map((call) => call.row.n)).toEqual([0, 1, 2]);
    held.held[0]?.resolve({ output: 0 });
    for (let i = 3; i < 20; i++) {
      await held.whenStarted(i + 1);
      held.held[i]?.resolve({ output: i });
    }
    await expect(run).resolves.toMatchObject({ rows: { done: 20 } });
  });
});
