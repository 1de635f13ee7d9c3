import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchErrorLine, BatchOutputLine } from './row-lines.js';
import { runBatch } from './run-batch.js';
import type { RunBatchOptions } from './run-batch-options.js';
import { makeTempDir, numberedRows, readJsonl, writeJsonl } from './test-support/batch-test-files.js';
import { controlledProcessor } from './test-support/controlled-processor.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let paths: { input: string; output: string; errors: string; journal: string };
beforeEach(async () => {
  temp = await makeTempDir();
  paths = {
    input: join(temp.dir, 'in.jsonl'),
    output: join(temp.dir, 'out.jsonl'),
    errors: join(temp.dir, 'out.errors.jsonl'),
    journal: join(temp.dir, 'out.journal.jsonl'),
  };
});
afterEach(() => temp.remove());

/** Every id in the output and errors files, sorted. */
async function finishedIds(): Promise<string[]> {
  const done = await readJsonl<BatchOutputLine>(paths.output);
  const failed = await readJsonl<BatchErrorLine>(paths.errors);
  return [...done, ...failed].map((line) => String(line.id)).sort();
}

function counted(calls: string[]): RunBatchOptions<{ id: string; n: number }>['process'] {
  return async (row) => {
    calls.push(row.id);
    if (row.n % 7 === 3) throw new Error(`row ${row.id} fails`);
    return { output: row.n };
  };
}

/** Runs until `stopAfter` rows are durable, then asks for a graceful stop. */
async function runAndStop(
  stopAfter: number,
  calls: string[],
  extra: Partial<RunBatchOptions<{ id: string; n: number }>> = {},
) {
  const stop = new AbortController();
  let seen = 0;
  return runBatch<{ id: string; n: number }>({
    input: { path: paths.input, idField: 'id' },
    output: paths.output,
    concurrency: 4,
    process: counted(calls),
    stopSignal: stop.signal,
    onEvent: (event) => {
      if ((event.type === 'row-end' || event.type === 'row-error') && ++seen === stopAfter) stop.abort();
    },
    ...extra,
  });
}

describe('runBatch resume', () => {
  it('continues where a stopped run ended: every row exactly once, no finished row processed again', async () => {
    await writeJsonl(paths.input, numberedRows(60));
    const calls: string[] = [];
    const first = await runAndStop(20, calls);
    expect(first.stopReason).toBe('stopped');
    expect(first.resumeHint).toMatch(/Run the same command again to resume/);
    const firstCalls = calls.length;
    const second = await runBatch<{ id: string; n: number }>({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
    });
    expect(second.stopReason).toBe('completed');
    expect(second.rows.skipped).toBe(first.rows.done + first.rows.failed);
    expect(second.rows.finished).toBe(60);
    expect(await finishedIds()).toEqual(
      numberedRows(60)
        .map((row) => row.id)
        .sort(),
    );
    // A graceful stop lets in-flight rows finish, so nothing is sent twice.
    expect(calls.length).toBe(60);
    expect(new Set(calls).size).toBe(60);
    expect(firstCalls).toBe(first.rows.done + first.rows.failed);
  });

  it('does nothing on a finished batch but report it', async () => {
    await writeJsonl(paths.input, numberedRows(5));
    const calls: string[] = [];
    await runBatch({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
    });
    const again = await runBatch({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
    });
    expect(again.rows).toMatchObject({ skipped: 5, done: 0, failed: 0, finished: 5 });
    expect(calls).toHaveLength(5);
  });

  it('cuts torn last lines off the output, errors and journal files and runs those rows again', async () => {
    await writeJsonl(paths.input, numberedRows(30));
    const calls: string[] = [];
    await runAndStop(12, calls);
    const committed = { output: (await stat(paths.output)).size, errors: (await stat(paths.errors)).size };
    // What a crash mid-write leaves: half lines with no newline.
    const torn = {
      output: '{"id":"r29","line":30,"outp',
      errors: '{"id":"r2',
      journal: '{"type":"commit","seq',
    };
    await appendFile(paths.output, torn.output);
    await appendFile(paths.errors, torn.errors);
    await appendFile(paths.journal, torn.journal);
    const events: unknown[] = [];
    const resumed = await runBatch<{ id: string; n: number }>({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
      onEvent: (event) => events.push(event),
    });
    expect(resumed.repaired).toEqual({
      outputBytes: torn.output.length,
      errorsBytes: torn.errors.length,
      journalBytes: torn.journal.length,
    });
    expect(events[0]).toMatchObject({ type: 'batch-start', resumed: true, repaired: resumed.repaired });
    expect(await finishedIds()).toEqual(
      numberedRows(30)
        .map((row) => row.id)
        .sort(),
    );
    expect((await readFile(paths.output, 'utf8')).endsWith('\n')).toBe(true);
    expect((await stat(paths.output)).size).toBeGreaterThan(committed.output);
  });

  it('drops output lines written after the last journal commit, so their rows are not duplicated', async () => {
    await writeJsonl(paths.input, numberedRows(10));
    const calls: string[] = [];
    await runAndStop(4, calls);
    // A row whose output line reached the file but whose commit line did not.
    await appendFile(paths.output, `${JSON.stringify({ id: 'r9', line: 10, output: 9, meta: {} })}\n`);
    await runBatch({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
    });
    const ids = (await readJsonl<BatchOutputLine>(paths.output)).map((line) => line.id);
    expect(ids.filter((id) => id === 'r9')).toHaveLength(1);
    expect(await finishedIds()).toHaveLength(10);
  });

  it('refuses to resume when the pipeline fingerprint changed, unless allowChanged', async () => {
    await writeJsonl(paths.input, numberedRows(10));
    const calls: string[] = [];
    await runAndStop(3, calls, { fingerprint: 'pipeline-v1' });
    const resume = (extra: Partial<RunBatchOptions<{ id: string; n: number }>>) =>
      runBatch<{ id: string; n: number }>({
        input: { path: paths.input, idField: 'id' },
        output: paths.output,
        process: counted(calls),
        ...extra,
      });
    await expect(resume({ fingerprint: 'pipeline-v2' })).rejects.toMatchObject({
      code: 'batch-pipeline-changed',
      message: expect.stringMatching(
        /has fingerprint pipeline-v1, now pipeline-v2.*use restart.*or allowChanged/,
      ),
    });
    const before = calls.length;
    const allowed = await resume({ fingerprint: 'pipeline-v2', allowChanged: true });
    expect(allowed.rows.skipped).toBe(before);
    // The new fingerprint is now the journal's: resuming with it again needs no flag.
    await expect(resume({ fingerprint: 'pipeline-v2' })).resolves.toMatchObject({ rows: { skipped: 10 } });
  });

  it('refuses to resume on a changed input file', async () => {
    await writeJsonl(paths.input, numberedRows(10));
    await runAndStop(3, []);
    await appendFile(paths.input, `${JSON.stringify({ id: 'new', n: 100 })}\n`);
    await expect(
      runBatch({ input: { path: paths.input, idField: 'id' }, output: paths.output, process: counted([]) }),
    ).rejects.toMatchObject({
      code: 'batch-input-changed',
      message: expect.stringContaining('its size was'),
    });
  });

  it('starts over on restart, emptying the output, errors and journal', async () => {
    await writeJsonl(paths.input, numberedRows(10));
    const calls: string[] = [];
    await runBatch({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      process: counted(calls),
    });
    const summary = await runBatch({
      input: { path: paths.input, idField: 'id' },
      output: paths.output,
      restart: true,
      process: counted(calls),
    });
    expect(summary.rows).toMatchObject({ skipped: 0, finished: 10 });
    expect(calls).toHaveLength(20);
    expect(await finishedIds()).toHaveLength(10);
    const journal = await readJsonl<{ type: string }>(paths.journal);
    expect(journal.filter((line) => line.type === 'session')).toHaveLength(1);
  });

  it('will not overwrite an output file that has no journal', async () => {
    await writeJsonl(paths.input, numberedRows(2));
    await writeFile(paths.output, 'precious data\n');
    await expect(
      runBatch({ input: paths.input, output: paths.output, process: async () => ({ output: 1 }) }),
    ).rejects.toMatchObject({ code: 'batch-output-exists' });
    expect(await readFile(paths.output, 'utf8')).toBe('precious data\n');
  });

  it('refuses a journal damaged before its last line, and an output shorter than committed', async () => {
    await writeJsonl(paths.input, numberedRows(10));
    await runAndStop(3, []);
    const journal = await readFile(paths.journal, 'utf8');
    const lines = journal.split('\n');
    lines[1] = '{garbage';
    await writeFile(paths.journal, lines.join('\n'));
    const resume = () =>
      runBatch({ input: { path: paths.input, idField: 'id' }, output: paths.output, process: counted([]) });
    await expect(resume()).rejects.toMatchObject({
      code: 'batch-journal-corrupt',
      message: expect.stringContaining('out.journal.jsonl:2: the journal is damaged'),
    });
    await writeFile(paths.journal, journal);
    await truncate(paths.output, 5);
    await expect(resume()).rejects.toMatchObject({
      code: 'batch-journal-corrupt',
      message: expect.stringContaining('but the journal committed'),
    });
  });

  it('will not let two runs write the same output at once', async () => {
    await writeJsonl(paths.input, numberedRows(3));
    const held = controlledProcessor();
    const first = runBatch({
      input: paths.input,
      output: paths.output,
      concurrency: 1,
      process: held.process,
    });
    await held.whenStarted(1);
    await expect(
      runBatch({ input: paths.input, output: paths.output, process: async () => ({ output: 1 }) }),
    ).rejects.toMatchObject({ code: 'batch-locked', message: expect.stringContaining(`pid ${process.pid}`) });
    for (let i = 0; i < 3; i++) {
      await held.whenStarted(i + 1);
      held.held[i]?.resolve({ output: i });
    }
    await expect(first).resolves.toMatchObject({ stopReason: 'completed' });
  });
});
