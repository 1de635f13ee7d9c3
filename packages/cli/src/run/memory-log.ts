import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BatchEvent } from '@tokenflow/core';
import { UsageError } from '../usage-error.js';
import type { ProgressReporter } from './progress-reporter.js';

/** One line of a memory log: the process's memory after `rows` rows of this run finished. */
export interface MemoryLogLine {
  /** Rows finished in this run (done + failed), not counting rows skipped on resume. */
  rows: number;
  /** Epoch milliseconds. */
  time: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
}

/** Where and how often a run writes its memory log. */
export interface MemoryLogOptions {
  /** The JSONL file lines are appended to. */
  path: string;
  /**
   * A line every this many finished rows (plus one at the start and one at the end).
   * @default 10_000
   */
  every?: number;
  /** Reads the process's memory (tests pass a fixed one). */
  memoryUsage?: () => NodeJS.MemoryUsage;
  now?: () => number;
}

/**
 * Wraps a progress reporter so the run also appends its own memory use (RSS and V8 heap, as
 * `process.memoryUsage()` sees it, no forced GC) to a JSONL file every `every` finished rows: what a
 * long run's memory does, measured from inside without a debugger. `TOKENFLOW_MEMORY_LOG` turns it on
 * for `tokenflow run` (see {@link memoryLogFromEnv}). Writing is synchronous and rare (one short line
 * per `every` rows), so it cannot buffer; a failed write is reported once and logging stops.
 */
export function withMemoryLog(
  reporter: ProgressReporter,
  options: MemoryLogOptions,
  onProblem: (text: string) => void,
): ProgressReporter {
  const every = Math.max(1, Math.floor(options.every ?? 10_000));
  const memoryUsage = options.memoryUsage ?? (() => process.memoryUsage());
  const now = options.now ?? Date.now;
  let rows = 0;
  let broken = false;
  let lastWritten = -1;
  const write = (): void => {
    if (broken || lastWritten === rows) return;
    const memory = memoryUsage();
    const line: MemoryLogLine = {
      rows,
      time: now(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      arrayBuffersBytes: memory.arrayBuffers,
    };
    try {
      appendFileSync(options.path, `${JSON.stringify(line)}\n`);
      lastWritten = rows;
    } catch (error) {
      broken = true;
      onProblem(
        `cannot write the memory log ${options.path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the run goes on without it`,
      );
    }
  };
  return {
    onEvent(event: BatchEvent) {
      reporter.onEvent(event);
      if (event.type === 'batch-start') write();
      else if (event.type === 'row-end' || event.type === 'row-error') {
        rows = event.progress.done + event.progress.failed;
        if (rows % every === 0) write();
      } else if (event.type === 'batch-end') write();
    },
    note: (text) => reporter.note(text),
    close() {
      write();
      reporter.close();
    },
  };
}

/**
 * The memory log `tokenflow run` was asked for: `TOKENFLOW_MEMORY_LOG=<file>` (relative to the working
 * directory), and optionally `TOKENFLOW_MEMORY_LOG_EVERY=<rows>`; `undefined` when not set. A
 * `TOKENFLOW_MEMORY_LOG_EVERY` that is not a whole number above 0 is a {@link UsageError}.
 */
export function memoryLogFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): MemoryLogOptions | undefined {
  const path = env.TOKENFLOW_MEMORY_LOG?.trim();
  if (!path) return undefined;
  const given = env.TOKENFLOW_MEMORY_LOG_EVERY?.trim();
  if (given === undefined || given === '') return { path: resolve(cwd, path) };
  const every = Number(given);
  if (!(Number.isInteger(every) && every > 0)) {
    throw new UsageError(
      `TOKENFLOW_MEMORY_LOG_EVERY must be a whole number of rows above 0, got "${given}". Set it to e.g. 5000, or unset it for a line every 10,000 rows.`,
    );
  }
  return { path: resolve(cwd, path), every };
}
