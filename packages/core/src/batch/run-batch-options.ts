import type { z } from 'zod';
import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import type { BatchClock } from './batch-clock.js';
import type { BatchEventListener } from './batch-events.js';
import type { InputFormat } from './input-format.js';
import type { RowProcessor } from './row-processor.js';

/** Where the rows come from. */
export interface BatchInputOptions<Row = Record<string, unknown>> {
  /** A JSONL or CSV file. Read as a stream, never whole. */
  path: string;
  /**
   * The file format.
   * @default from the extension: `.jsonl`/`.ndjson`/`.json` are JSONL, `.csv` is CSV
   */
  format?: InputFormat;
  /**
   * The field holding each row's unique id (string or number). Rows without one, or repeating an
   * earlier one, become error rows.
   * @default undefined: each row's id is the 1-based line number it starts on
   */
  idField?: string;
  /**
   * Validates (and may transform) each row before it is processed; rows that fail become error rows
   * listing every issue. CSV values are strings: use `z.coerce.number()` for numbers.
   * @default undefined (rows are passed as read)
   */
  schema?: z.ZodType<Row>;
  /**
   * A line (CSV record) longer than this becomes an error row instead of being held in memory.
   * @default 16 * 1024 * 1024
   */
  maxLineBytes?: number;
}

/** How many rows are in the air at once. */
export interface BatchLimitOptions {
  /**
   * Rows started but not yet durable (processing, or waiting for their commit). This bounds memory and
   * the rows sent to the model again after a crash.
   * @default 2 * concurrency
   */
  window?: number;
  /**
   * A row is not started more than this many rows after the oldest unfinished one, so a stuck row
   * cannot make the journal's out-of-order set (and resume memory) grow without end.
   * @default 10_000
   */
  maxSpan?: number;
}

/** What a stop request does. */
export interface BatchStopOptions {
  /**
   * After a graceful stop, in-flight rows get this long to finish; then they are cancelled (not
   * journaled, so they run on resume).
   * @default 30_000
   */
  gracePeriodMs?: number;
}

/** How hard the runner works to keep finished rows across power loss. */
export interface BatchDurabilityOptions {
  /**
   * `fsync` the output and errors files, then the journal, on every commit group. Off, a finished row
   * survives the process being killed (the data is in the OS cache) but not a power loss or kernel crash.
   * @default true
   */
  fsync?: boolean;
}

/** Options of {@link runBatch}. */
export interface RunBatchOptions<Row = Record<string, unknown>, Output = unknown> {
  /** The input file, or its path. */
  input: string | BatchInputOptions<Row>;
  /** The output JSONL file: one line per finished row, in completion order. */
  output: string;
  /**
   * The errors JSONL file: one line per failed row.
   * @default the output path with `.jsonl` replaced by `.errors.jsonl`
   */
  errors?: string;
  /**
   * The journal that makes the run resumable.
   * @default the output path with `.jsonl` replaced by `.journal.jsonl`
   */
  journal?: string;
  /** Runs one row. */
  process: RowProcessor<Row, Output>;
  /**
   * Rows in the processor at once.
   * @default 8
   */
  concurrency?: number;
  limits?: BatchLimitOptions;
  /**
   * Stop starting rows before this run's cost could cross this many USD (next row estimated at the mean
   * cost of finished rows, in-flight rows included). While no row has a cost yet, rows run one at a time.
   * @default undefined (no budget)
   */
  maxCostUsd?: number;
  /**
   * Identifies the pipeline (e.g. `pipelineFingerprint(spec)`). Resuming with a different one is refused
   * unless `allowChanged`.
   * @default undefined
   */
  fingerprint?: string;
  /**
   * Start over: empty the output, errors and journal files, and run every row.
   * @default false
   */
  restart?: boolean;
  /**
   * Resume even if the pipeline fingerprint, id field or input file changed since the journal started.
   * @default false
   */
  allowChanged?: boolean;
  /**
   * Count the input's rows first (one extra streaming pass) so `batch-start` and progress have a total.
   * @default true
   */
  countRows?: boolean;
  durability?: BatchDurabilityOptions;
  stop?: BatchStopOptions;
  /** Progress events. A listener that throws is ignored. */
  onEvent?: BatchEventListener;
  /**
   * OpenTelemetry spans of the batch (`batch` -> `row` -> the row's pipeline run; see the telemetry
   * README). Through the global API by default, a no-op until an SDK is registered; `false` turns it off.
   * `pipelineRowProcessor` nests each row's run under its row span.
   * @default {}
   */
  telemetry?: TelemetryOptions | false;
  /** Hard abort: cancel in-flight rows now (they are not journaled and run on resume). */
  signal?: AbortSignal;
  /** Graceful stop: start no new rows, let in-flight ones finish within `stop.gracePeriodMs`. */
  stopSignal?: AbortSignal;
  /**
   * Time for timings, the summary and the grace period.
   * @default the system clock
   */
  clock?: BatchClock;
  /**
   * Strings never written to the output, errors or journal files, nor put in events (replaced by
   * `[redacted]` in error messages).
   * @default the value of `TOKENOFF_API_KEY`, when set
   */
  secrets?: readonly string[];
}
