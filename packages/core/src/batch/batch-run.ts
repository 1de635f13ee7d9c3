import { setMaxListeners } from 'node:events';
import { raceAbort } from '../async/race-abort.js';
import { redactSecrets } from '../errors/redact-secrets.js';
import type { ServedCall } from '../gateway/gateway-events.js';
import { BatchError } from './batch-error.js';
import type { BatchEvent } from './batch-events.js';
import { callsOfError, summarizeRowCalls } from './batch-row-meta.js';
import { BatchStats } from './batch-stats.js';
import type { BatchStopReason, BatchSummary } from './batch-summary.js';
import { buildBatchSummary } from './build-batch-summary.js';
import { CommitLog } from './commit-log.js';
import { countInputRows } from './count-input-rows.js';
import type { RowErrorInfo } from './input-record.js';
import type { BatchFiles } from './open-batch-files.js';
import { type InputRow, readInputRows } from './read-input-rows.js';
import type { ResolvedBatchOptions } from './resolve-batch-options.js';
import { formatErrorLine, formatOutputLine } from './row-lines.js';
import type { RowResult } from './row-processor.js';

type ReadyRow = Extract<InputRow, { value: unknown }>;
type BadRow = Extract<InputRow, { error: unknown }>;

/**
 * One run of a batch over files already opened (see `runBatch`). Reads rows, keeps at most `window`
 * of them between start and commit and `concurrency` in the processor, pauses reading while full
 * (backpressure), and handles stop, abort and the cost budget.
 */
export class BatchRun<Row, Output> {
  readonly #options: ResolvedBatchOptions<Row, Output>;
  readonly #files: BatchFiles;
  readonly #commits: CommitLog;
  readonly #stats = new BatchStats();
  /** Indexes of rows started and not yet committed or cancelled. */
  readonly #window = new Set<number>();
  #inProcess = 0;
  /** Rows that reached the processor and finished (for the budget's mean). */
  #costedRows = 0;
  #stopReason: BatchStopReason = 'completed';
  #stopping = false;
  #fatal: unknown;
  readonly #rowAbort = new AbortController();
  readonly #graceTimer = new AbortController();
  #waiters: (() => void)[] = [];

  constructor(options: ResolvedBatchOptions<Row, Output>, files: BatchFiles) {
    this.#options = options;
    // One listener per row in the processor (each row's signal follows this one).
    setMaxListeners(options.concurrency + 16, this.#rowAbort.signal);
    this.#files = files;
    this.#commits = new CommitLog({
      files,
      outputBytes: files.outputBytes,
      errorsBytes: files.errorsBytes,
      sequence: files.sequence,
      fsync: options.fsync,
    });
  }

  async execute(startedAtMs: number): Promise<BatchSummary> {
    const { input, clock } = this.#options;
    if (this.#options.countRows) {
      this.#stats.total = await countInputRows(input.path, input.format, input.maxLineBytes);
    }
    this.#emit({
      type: 'batch-start',
      totalRows: this.#stats.total,
      alreadyFinished: this.#files.finished.count,
      resumed: this.#files.resumed,
      repaired: this.#files.repaired,
      files: this.#paths(),
    });
    const unlisten = this.#listenToSignals();
    let readFailure: unknown;
    try {
      await this.#readAndSchedule();
    } catch (error) {
      readFailure = error;
    }
    await this.#until(() => this.#window.size === 0);
    await this.#commits.drain();
    this.#graceTimer.abort();
    unlisten();
    if (this.#fatal !== undefined) throw this.#fatal;
    if (readFailure !== undefined) throw readFailure;
    const summary = this.#summary(clock.now() - startedAtMs);
    this.#emit({ type: 'batch-end', summary });
    return summary;
  }

  async #readAndSchedule(): Promise<void> {
    const { input } = this.#options;
    const rows = readInputRows(input.path, {
      format: input.format,
      ...(input.idField === undefined ? {} : { idField: input.idField }),
      ...(input.maxLineBytes === undefined ? {} : { maxLineBytes: input.maxLineBytes }),
    });
    for await (const row of rows) {
      if (this.#stopping) break;
      if (this.#files.finished.has(row.index)) {
        this.#stats.skipped += 1;
        continue;
      }
      const processing = !('error' in row);
      await this.#until(() => this.#stopping || this.#hasRoom(row.index, processing));
      if (this.#stopping) break;
      if ('error' in row) {
        this.#track(this.#failRow(row, row.error));
        continue;
      }
      if (this.#budgetReached()) {
        this.#beginStop('budget-reached');
        break;
      }
      this.#track(this.#runRow(row));
    }
  }

  #hasRoom(index: number, processing: boolean): boolean {
    if (this.#window.size >= this.#options.window) return false;
    if (this.#window.size > 0 && index - Math.min(...this.#window) >= this.#options.maxSpan) return false;
    if (!processing) return true;
    if (this.#inProcess >= this.#options.concurrency) return false;
    // With a budget and no cost known yet, probe one row at a time.
    return (
      this.#options.maxCostUsd === undefined || this.#knownMeanCost() !== undefined || this.#inProcess === 0
    );
  }

  #knownMeanCost(): number | undefined {
    const samples = this.#files.previous.doneRows + this.#costedRows;
    if (samples === 0) return undefined;
    return (this.#files.previous.costUsd + this.#stats.costUsd) / samples;
  }

  #budgetReached(): boolean {
    const max = this.#options.maxCostUsd;
    if (max === undefined) return false;
    if (this.#stats.costUsd >= max) return true;
    const mean = this.#knownMeanCost() ?? 0;
    return this.#stats.costUsd + (this.#inProcess + 1) * mean > max;
  }

  #track(work: Promise<void>): void {
    work.catch((error: unknown) => this.#failHard(error));
  }

  async #runRow(row: ReadyRow): Promise<void> {
    const { clock, input } = this.#options;
    this.#window.add(row.index);
    let value: unknown = row.value;
    if (input.schema) {
      const parsed = input.schema.safeParse(row.value);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(row)'}: ${issue.message}`)
          .join('; ');
        const message = `${this.#inputName()}:${row.line}: the row does not match the row schema (${issues}); fix the row, then run again`;
        await this.#failRow(row, { code: 'row-invalid', message });
        return;
      }
      value = parsed.data;
    }
    this.#inProcess += 1;
    const started = clock.now();
    // Each row gets its own signal, so listeners a processor adds go away with the row.
    const rowController = new AbortController();
    const forwardAbort = (): void => rowController.abort(this.#rowAbort.signal.reason);
    this.#rowAbort.signal.addEventListener('abort', forwardAbort, { once: true });
    const rowSignal = rowController.signal;
    let outcome: { output: unknown; calls: readonly ServedCall[] } | { error: unknown } | 'cancelled';
    try {
      const result = await raceAbort(
        new Promise<RowResult<Output>>((resolve) => {
          resolve(
            this.#options.process(value as Row, {
              signal: rowSignal,
              rowId: row.id,
              line: row.line,
              index: row.index,
            }),
          );
        }),
        rowSignal,
      );
      outcome = { output: result?.output, calls: result?.calls ?? [] };
    } catch (error) {
      outcome = this.#rowAbort.signal.aborted ? 'cancelled' : { error };
    } finally {
      this.#rowAbort.signal.removeEventListener('abort', forwardAbort);
    }
    this.#inProcess -= 1;
    const latencyMs = clock.now() - started;
    if (outcome === 'cancelled') {
      this.#window.delete(row.index);
      this.#stats.cancelled += 1;
      this.#emit({ type: 'row-cancel', rowId: row.id, index: row.index, line: row.line });
      this.#notify();
      return;
    }
    const calls = 'error' in outcome ? callsOfError(outcome.error) : outcome.calls;
    const meta = summarizeRowCalls(calls, latencyMs);
    this.#stats.addCalls(calls);
    this.#stats.latency.record(latencyMs);
    this.#costedRows += 1;
    this.#notify();
    if ('error' in outcome) {
      await this.#failRow(row, this.#describeFailure(outcome.error), meta);
      return;
    }
    let text: string;
    try {
      text = formatOutputLine({ id: row.id, line: row.line, output: outcome.output, meta });
    } catch (error) {
      const message = `${this.#inputName()}:${row.line}: the row's output cannot be written as JSON (${error instanceof Error ? error.message : String(error)})`;
      await this.#failRow(row, { code: 'row-output-invalid', message }, meta);
      return;
    }
    await this.#commit(row.index, 'done', text, meta.costUsd);
    this.#stats.done += 1;
    this.#emit({
      type: 'row-end',
      rowId: row.id,
      index: row.index,
      line: row.line,
      meta,
      progress: this.#stats.progress(),
    });
  }

  async #failRow(
    row: BadRow | ReadyRow,
    error: RowErrorInfo & { kind?: string },
    meta?: ReturnType<typeof summarizeRowCalls>,
  ) {
    this.#window.add(row.index);
    const safe = { ...error, message: redactSecrets(error.message, this.#options.secrets) };
    const text = formatErrorLine({
      id: row.id ?? null,
      line: row.line,
      error: safe,
      ...(meta ? { meta } : {}),
    });
    await this.#commit(row.index, 'failed', text, meta?.costUsd ?? 0);
    this.#stats.failed += 1;
    this.#emit({
      type: 'row-error',
      rowId: row.id,
      index: row.index,
      line: row.line,
      error: safe,
      progress: this.#stats.progress(),
    });
  }

  async #commit(index: number, kind: 'done' | 'failed', text: string, costUsd: number): Promise<void> {
    try {
      await this.#commits.append({ index, kind, text, costUsd });
    } finally {
      this.#window.delete(index);
      this.#notify();
    }
  }

  #describeFailure(error: unknown): RowErrorInfo & { kind?: string } {
    const code = (error as { code?: unknown } | null)?.code;
    const kind = (error as { kind?: unknown } | null)?.kind;
    const message = error instanceof Error ? error.message : String(error);
    return {
      code: typeof code === 'string' && code !== '' ? code : 'row-failed',
      message,
      ...(typeof kind === 'string' ? { kind } : {}),
    };
  }

  #listenToSignals(): () => void {
    const { signal, stopSignal } = this.#options;
    const onStop = (): void => this.#beginStop('stop-requested');
    const onAbort = (): void => this.#abortNow('abort-requested');
    stopSignal?.addEventListener('abort', onStop, { once: true });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (stopSignal?.aborted) onStop();
    if (signal?.aborted) onAbort();
    return () => {
      stopSignal?.removeEventListener('abort', onStop);
      signal?.removeEventListener('abort', onAbort);
    };
  }

  #beginStop(reason: 'stop-requested' | 'budget-reached'): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#stopReason = reason === 'budget-reached' ? 'budget-reached' : 'stopped';
    this.#emit({ type: 'batch-stop', reason, inFlight: this.#inProcess });
    this.#notify();
    if (reason === 'stop-requested' && this.#inProcess > 0) {
      this.#options.clock.sleep(this.#options.gracePeriodMs, this.#graceTimer.signal).then(
        () => this.#abortNow('grace-period-ended'),
        () => undefined,
      );
    }
  }

  #abortNow(reason: 'abort-requested' | 'grace-period-ended'): void {
    if (this.#rowAbort.signal.aborted) return;
    this.#stopping = true;
    if (reason === 'abort-requested') this.#stopReason = 'aborted';
    else if (this.#stopReason === 'completed') this.#stopReason = 'stopped';
    this.#emit({ type: 'batch-stop', reason, inFlight: this.#inProcess });
    this.#rowAbort.abort(
      new BatchError(
        'batch-cancelled',
        `The batch run was stopped (${reason}); this row runs again on resume`,
      ),
    );
    this.#notify();
  }

  #failHard(error: unknown): void {
    this.#fatal ??= error;
    this.#abortNow('abort-requested');
  }

  #until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else this.#waiters.push(check);
      };
      this.#waiters.push(check);
    });
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }

  #emit(event: BatchEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A progress listener must not break the batch.
    }
  }

  #inputName(): string {
    return this.#options.input.path;
  }

  #paths(): BatchSummary['files'] {
    return { output: this.#options.output, errors: this.#options.errors, journal: this.#options.journal };
  }

  #summary(wallTimeMs: number): BatchSummary {
    return buildBatchSummary({
      stats: this.#stats,
      stopReason: this.#stopReason,
      files: this.#files,
      paths: this.#paths(),
      wallTimeMs,
      maxCostUsd: this.#options.maxCostUsd,
    });
  }
}
