import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchEvent, BatchProgress } from '@tokenflow/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MemoryLogLine, memoryLogFromEnv, withMemoryLog } from './memory-log.js';
import type { ProgressReporter } from './progress-reporter.js';

const memory = { rss: 150e6, heapUsed: 40e6, heapTotal: 60e6, external: 5e6, arrayBuffers: 1e6 };

function progress(done: number, failed = 0): BatchProgress {
  return { done, failed, skipped: 0, total: undefined, costUsd: 0, retries: 0, fallbacks: 0 };
}

function rowEnd(done: number): BatchEvent {
  return {
    type: 'row-end',
    rowId: `r${done}`,
    index: done - 1,
    line: done,
    meta: {
      models: [],
      calls: 0,
      attempts: 0,
      retries: 0,
      fallbacks: 0,
      usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 0 },
      costUsd: 0,
      latencyMs: 0,
    },
    progress: progress(done),
  };
}

const start: BatchEvent = {
  type: 'batch-start',
  totalRows: undefined,
  alreadyFinished: 0,
  resumed: false,
  repaired: { outputBytes: 0, errorsBytes: 0, journalBytes: 0 },
  files: { output: 'o', errors: 'e', journal: 'j' },
};

function recorder(): ProgressReporter & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    onEvent: (event) => events.push(event.type),
    note: (text) => events.push(`note: ${text}`),
    close: () => events.push('close'),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenflow-memory-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lines(path: string): Promise<MemoryLogLine[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as MemoryLogLine);
}

describe('the memory log of a run', () => {
  it('writes a line at the start, every `every` finished rows and at the end, and passes every event on', async () => {
    const path = join(dir, 'memory.jsonl');
    const inner = recorder();
    const reporter = withMemoryLog(
      inner,
      { path, every: 2, memoryUsage: () => memory, now: () => 1000 },
      () => undefined,
    );
    reporter.onEvent(start);
    for (let done = 1; done <= 5; done++) reporter.onEvent(rowEnd(done));
    reporter.note('stopping');
    reporter.close();

    expect((await lines(path)).map((line) => line.rows)).toEqual([0, 2, 4, 5]);
    expect((await lines(path))[1]).toEqual({
      rows: 2,
      time: 1000,
      rssBytes: 150e6,
      heapUsedBytes: 40e6,
      heapTotalBytes: 60e6,
      externalBytes: 5e6,
      arrayBuffersBytes: 1e6,
    });
    expect(inner.events).toEqual([
      'batch-start',
      'row-end',
      'row-end',
      'row-end',
      'row-end',
      'row-end',
      'note: stopping',
      'close',
    ]);
  });

  it('says once that it cannot write, and the run goes on', () => {
    const problems: string[] = [];
    const inner = recorder();
    const reporter = withMemoryLog(
      inner,
      { path: join(dir, 'missing-folder', 'memory.jsonl'), every: 1, memoryUsage: () => memory },
      (text) => problems.push(text),
    );
    reporter.onEvent(start);
    reporter.onEvent(rowEnd(1));
    reporter.close();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/cannot write the memory log .*memory\.jsonl \(ENOENT\); the run goes on/);
    expect(inner.events).toEqual(['batch-start', 'row-end', 'close']);
  });

  it('is asked for with TOKENFLOW_MEMORY_LOG (relative to the working directory) and TOKENFLOW_MEMORY_LOG_EVERY', () => {
    expect(memoryLogFromEnv({}, '/work')).toBeUndefined();
    expect(memoryLogFromEnv({ TOKENFLOW_MEMORY_LOG: 'mem.jsonl' }, '/work')).toEqual({
      path: '/work/mem.jsonl',
    });
    expect(
      memoryLogFromEnv({ TOKENFLOW_MEMORY_LOG: '/tmp/m.jsonl', TOKENFLOW_MEMORY_LOG_EVERY: '500' }, '/work'),
    ).toEqual({ path: '/tmp/m.jsonl', every: 500 });
    expect(
      memoryLogFromEnv({ TOKENFLOW_MEMORY_LOG: 'm.jsonl', TOKENFLOW_MEMORY_LOG_EVERY: ' ' }, '/work'),
    ).toEqual({
      path: '/work/m.jsonl',
    });
  });

  it('refuses a TOKENFLOW_MEMORY_LOG_EVERY that is not a whole number of rows above 0, saying what to set', () => {
    for (const every of ['often', '0', '-5', '2.5']) {
      expect(() =>
        memoryLogFromEnv({ TOKENFLOW_MEMORY_LOG: 'm.jsonl', TOKENFLOW_MEMORY_LOG_EVERY: every }, '/work'),
      ).toThrow(
        `TOKENFLOW_MEMORY_LOG_EVERY must be a whole number of rows above 0, got "${every}". Set it to e.g. 5000`,
      );
    }
    expect(memoryLogFromEnv({ TOKENFLOW_MEMORY_LOG_EVERY: 'often' }, '/work')).toBeUndefined();
  });
});
