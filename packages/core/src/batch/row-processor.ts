import type { ServedCall } from '../gateway/gateway-events.js';
import type { TelemetryOptions } from '../telemetry/telemetry-options.js';
import type { RowId } from './read-input-rows.js';

/** What a row processor receives besides the row. */
export interface RowContext {
  /** Aborted when the batch is hard-aborted or the stop grace period ends. Pass it to every call. */
  readonly signal: AbortSignal;
  /** The row's id (the id field's value, or its line number). */
  readonly rowId: RowId;
  /** The 1-based input line the row starts on. */
  readonly line: number;
  /** The row's 0-based position among the input's rows. */
  readonly index: number;
  /**
   * The batch's telemetry with `context` set to the row's `row` span (when the batch has telemetry): pass
   * it as the row's pipeline run `telemetry` so its spans nest under the row (`pipelineRowProcessor` does).
   */
  readonly telemetry?: TelemetryOptions;
}

/** What a row processor returns for a row that succeeded. */
export interface RowResult<Output = unknown> {
  /** Written to the output file as the row's `output`. Must be JSON-serialisable. */
  output: Output;
  /**
   * The model calls that produced it (from routed models' `response_metadata.tokenflow`), for the row's
   * metadata and the summary: models, tokens incl. thinking, cost, attempts.
   * @default []
   */
  calls?: readonly ServedCall[];
}

/**
 * Runs one row. Throwing fails the row (it goes to the errors file with the error's `code` and
 * `message`) and the batch goes on. An error carrying `calls: ServedCall[]` has their cost counted.
 */
export type RowProcessor<Row = Record<string, unknown>, Output = unknown> = (
  row: Row,
  context: RowContext,
) => Promise<RowResult<Output>>;
