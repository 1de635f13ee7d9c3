import { readFile } from 'node:fs/promises';
import { AppendedLines } from './appended-lines.js';
import type { RunFiles } from './find-runs.js';
import { readLinesAt } from './read-line-at.js';
import type { TimelineBucket } from './timeline.js';
import { TraceStats } from './trace-stats.js';
import { type UsageRow, UsageTable } from './usage-table.js';

/** What the page shows about one run; every number comes from streaming its files once. */
export interface RunSummary {
  id: string;
  files: { output: boolean; errors: boolean; journal: boolean; trace: boolean };
  /** `running` while a process holds the run's lock. */
  state: 'running' | 'stopped';
  startedAt: string | undefined;
  sessions: number;
  rows: {
    /** Rows in the input, when the input file named by the journal can still be read. */
    total: number | undefined;
    done: number;
    failed: number;
    /** Rows finished by earlier sessions (`tokenflow run` skipped them when resuming); `done` and `failed` are the latest session's. */
    skipped: number;
    finished: number;
  };
  costUsd: number;
  usage: { inputTokens: number; outputTokens: number; thinkingTokens: number };
  retries: number;
  fallbacks: number;
  rateLimited: number;
  byModel: UsageRow[];
  byStep: UsageRow[];
  /** Where the by-model figures come from: the trace's model calls, or the rows' meta. */
  usageSource: 'trace' | 'rows';
  timeline: { bucketMs: number; buckets: TimelineBucket[] };
  /** Bytes indexed so far and the files' sizes: the page shows numbers while a big run is still read. */
  indexing: { done: boolean; readBytes: number; totalBytes: number };
  /** Lines that could not be read, per file (corrupt, or a torn last line). */
  skippedLines: { output: number; errors: number; journal: number; trace: number };
}

/** One failed row as the errors file has it. */
export interface FailedRow {
  id: string | number | null;
  line: number | undefined;
  code: string;
  message: string;
  costUsd: number | undefined;
}

interface RowMeta {
  models?: string[];
  usage?: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };
  costUsd?: number;
  retries?: number;
  fallbacks?: number;
}

/**
 * The index of one run, kept up to date by `refresh()`, which reads only what was appended since. It
 * holds counters, small per-model and per-step tables, per-second counts and one byte offset per failed
 * row, so memory grows with failures and duration, not with the number of rows.
 */
export class RunIndex {
  private done = 0;
  private failedOffsets: number[] = [];
  private costUsd = 0;
  private usage = { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 };
  private retries = 0;
  private fallbacks = 0;
  private readonly rowModels = new UsageTable();
  private sessions = 0;
  private startedAt: string | undefined;
  private inputPath: string | undefined;
  /** Done and failed rows committed before the latest session started: what a resume skipped. */
  private before = { done: 0, failed: 0 };
  private committed = { done: 0, failed: 0 };
  private inputRows: { path: string; rows: number } | undefined;
  private readonly trace = new TraceStats();
  private readonly output: AppendedLines;
  private readonly errors: AppendedLines;
  private readonly journal: AppendedLines;
  private readonly traceFile: AppendedLines;
  private refreshing: Promise<void> | undefined;

  constructor(readonly files: RunFiles) {
    this.output = new AppendedLines(
      files.output,
      (text) => this.takeRow(text, 'done'),
      () => this.resetRows(),
    );
    this.errors = new AppendedLines(
      files.errors,
      (text, offset) => this.takeRow(text, 'failed', offset),
      () => this.resetRows(),
    );
    this.journal = new AppendedLines(
      files.journal,
      (text) => this.takeJournalLine(text),
      () => {
        this.sessions = 0;
        this.before = { done: 0, failed: 0 };
        this.committed = { done: 0, failed: 0 };
      },
    );
    this.traceFile = new AppendedLines(
      files.trace,
      (text, offset) => this.trace.takeLine(text, offset),
      () => this.trace.clear(),
    );
  }

  /** Reads what the run appended since the last call; concurrent callers share one pass. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readAll().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    await Promise.all([this.journal, this.output, this.errors, this.traceFile].map((file) => file.measure()));
    // Rows first: they carry the numbers a big run's first paint shows; the journal only adds sessions.
    await this.output.readNew();
    await this.errors.readNew();
    await this.journal.readNew();
    // A shrunken errors file resets the row counts, output included: read it again (a stat when unchanged).
    await this.output.readNew();
    await this.traceFile.readNew();
    await this.countInput();
  }

  private resetRows(): void {
    // A resume cut the output or errors file back to its last commit: count both again from the start.
    this.done = 0;
    this.failedOffsets = [];
    this.costUsd = 0;
    this.usage = { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 };
    this.retries = 0;
    this.fallbacks = 0;
    this.rowModels.clear();
    this.output.forgetPosition();
    this.errors.forgetPosition();
  }

  private takeRow(text: string, kind: 'done' | 'failed', offset = 0): 'ok' | 'skipped' {
    let row: { meta?: RowMeta; error?: unknown };
    try {
      row = JSON.parse(text) as typeof row;
    } catch {
      return 'skipped';
    }
    if (typeof row !== 'object' || row === null) return 'skipped';
    if (kind === 'done') this.done += 1;
    else this.failedOffsets.push(offset);
    const meta = row.meta;
    if (meta) {
      const thinking = meta.usage?.reasoningTokens ?? 0;
      this.costUsd += meta.costUsd ?? 0;
      this.usage.inputTokens += meta.usage?.inputTokens ?? 0;
      this.usage.outputTokens += meta.usage?.outputTokens ?? 0;
      this.usage.thinkingTokens += thinking;
      this.retries += meta.retries ?? 0;
      this.fallbacks += meta.fallbacks ?? 0;
      this.rowModels.add((meta.models ?? []).join(' + ') || 'no model call', {
        calls: 1,
        inputTokens: meta.usage?.inputTokens ?? 0,
        outputTokens: meta.usage?.outputTokens ?? 0,
        thinkingTokens: thinking,
        costUsd: meta.costUsd ?? 0,
        failed: kind === 'failed' ? 1 : 0,
      });
    }
    return 'ok';
  }

  private takeJournalLine(text: string): 'ok' | 'skipped' {
    let line: {
      type?: string;
      startedAt?: string;
      input?: { path?: string };
      done?: unknown;
      failed?: unknown;
    };
    try {
      line = JSON.parse(text) as typeof line;
    } catch {
      return 'skipped';
    }
    if (line.type === 'session') {
      this.sessions += 1;
      this.startedAt = line.startedAt;
      this.inputPath = line.input?.path;
      this.before = { ...this.committed };
      return 'ok';
    }
    if (line.type === 'commit' && Array.isArray(line.done) && Array.isArray(line.failed)) {
      this.committed.done += line.done.length;
      this.committed.failed += line.failed.length;
      return 'ok';
    }
    return 'skipped';
  }

  private async countInput(): Promise<void> {
    const path = this.inputPath;
    if (!path || this.inputRows?.path === path) return;
    // The input is read to count its rows, never served. Non-blank lines of JSONL; CSV minus its header.
    let rows = 0;
    const counter = new AppendedLines(
      path,
      () => {
        rows += 1;
        return 'ok';
      },
      () => {},
    );
    try {
      await counter.readNew();
    } catch {
      return;
    }
    if (!counter.exists) return;
    if (counter.hasPartialTail) rows += 1;
    this.inputRows = { path, rows: path.endsWith('.csv') ? Math.max(0, rows - 1) : rows };
  }

  /** True while the run's lock file names a live process. */
  private async isRunning(): Promise<boolean> {
    const lock = await readFile(`${this.files.journal}.lock`, 'utf8').catch(() => undefined);
    const pid = Number(/\d+/.exec(lock ?? '')?.[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  /** Starts a refresh and waits for it at most `waitMs`; true when it finished. */
  private async settle(waitMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      this.refresh().then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), waitMs);
      }),
    ]);
    clearTimeout(timer);
    return done;
  }

  /**
   * The run as indexed so far. It waits for the refresh it starts at most `waitMs`, so a small run
   * answers complete and a 1M-row run answers at once with partial numbers and `indexing.done` false.
   */
  async summary(waitMs = 100): Promise<RunSummary> {
    // The lock is looked at before the files are read: a run seen stopped had written everything, so
    // numbers read after it are final (and a page that sees "stopped" can stop polling).
    const running = await this.isRunning();
    const done = await this.settle(waitMs);
    const files = [this.journal, this.output, this.errors, this.traceFile];
    const failed = this.failedOffsets.length;
    const traced = this.trace.hasModelCalls;
    // As the CLI's summary counts them: done and failed by the latest session, skipped by it.
    const doneBefore = Math.min(this.before.done, this.done);
    const failedBefore = Math.min(this.before.failed, failed);
    const tail = (file: AppendedLines): number => file.skippedLines + (file.hasPartialTail ? 1 : 0);
    return {
      id: this.files.id,
      files: {
        output: this.output.exists,
        errors: this.errors.exists,
        journal: this.journal.exists,
        trace: this.traceFile.exists,
      },
      state: running ? 'running' : 'stopped',
      startedAt: this.startedAt,
      sessions: this.sessions,
      rows: {
        total: this.inputRows?.rows,
        done: this.done - doneBefore,
        failed: failed - failedBefore,
        skipped: doneBefore + failedBefore,
        finished: this.done + failed,
      },
      costUsd: Math.round(this.costUsd * 1e9) / 1e9,
      usage: { ...this.usage },
      // From the rows' meta, as the CLI's summary counts them (calls that served a row); the timeline
      // counts the trace's retry events, which include calls that failed for good.
      retries: this.retries,
      fallbacks: this.fallbacks,
      rateLimited: this.trace.rateLimited,
      byModel: traced ? this.trace.byModel.list() : this.rowModels.list(),
      byStep: this.trace.byStep.list(),
      usageSource: traced ? 'trace' : 'rows',
      timeline: this.trace.timeline.buckets(120),
      indexing: {
        done,
        readBytes: files.reduce((sum, file) => sum + file.readBytes, 0),
        totalBytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
      },
      skippedLines: {
        output: tail(this.output),
        errors: tail(this.errors),
        journal: tail(this.journal),
        trace: tail(this.traceFile),
      },
    };
  }

  /** One page of the failed rows, in the order the errors file has them. */
  async failedRows(
    offset: number,
    limit: number,
    waitMs = 100,
  ): Promise<{ total: number; rows: FailedRow[]; indexed: boolean }> {
    // Like the summary: what is indexed once the refresh ends, or after `waitMs` on a big run.
    const indexed = await this.settle(waitMs);
    const offsets = this.failedOffsets.slice(offset, offset + limit);
    const lines = offsets.length > 0 ? await readLinesAt(this.files.errors, offsets) : [];
    const rows = lines.map((text): FailedRow => {
      try {
        const row = JSON.parse(text) as {
          id?: string | number | null;
          line?: number;
          error?: { code?: string; message?: string };
          meta?: RowMeta;
        };
        return {
          id: row.id ?? null,
          line: row.line,
          code: row.error?.code ?? 'unknown',
          message: row.error?.message ?? '',
          costUsd: row.meta?.costUsd,
        };
      } catch {
        return {
          id: null,
          line: undefined,
          code: 'unreadable',
          message: 'this line changed since it was indexed',
          costUsd: undefined,
        };
      }
    });
    return { total: this.failedOffsets.length, rows, indexed };
  }

  /** Where the row's `row` span is in the trace file, if the trace has it. */
  rowTraceLine(rowId: string): number | undefined {
    return this.trace.rowLine(rowId);
  }

  get traceLineOffsets(): readonly number[] {
    return this.trace.lineOffsets;
  }
}
