import type { BatchRowMeta } from './batch-row-meta.js';
import type { BatchSummary } from './batch-summary.js';
import type { RowErrorInfo } from './input-record.js';
import type { RowId } from './read-input-rows.js';

/** Running totals of this run, carried by row events for progress displays. */
export interface BatchProgress {
  done: number;
  failed: number;
  skipped: number;
  /** Rows in the input, when counted. */
  total: number | undefined;
  costUsd: number;
  retries: number;
  fallbacks: number;
}

/** What a batch run reports as it goes (noun-then-verb names). Row events come once a row is durable. */
export type BatchEvent =
  | {
      type: 'batch-start';
      /** Rows in the input, when counted (`countRows`). */
      totalRows: number | undefined;
      /** Rows finished by earlier runs, skipped in this one. */
      alreadyFinished: number;
      resumed: boolean;
      repaired: BatchSummary['repaired'];
      files: BatchSummary['files'];
    }
  | {
      type: 'row-end';
      rowId: RowId;
      index: number;
      line: number;
      meta: BatchRowMeta;
      progress: BatchProgress;
    }
  | {
      type: 'row-error';
      rowId: RowId | undefined;
      index: number;
      line: number;
      error: RowErrorInfo;
      progress: BatchProgress;
    }
  | { type: 'row-cancel'; rowId: RowId; index: number; line: number }
  | {
      type: 'batch-stop';
      reason: 'stop-requested' | 'abort-requested' | 'budget-reached' | 'grace-period-ended';
      /** Rows still in the processor when the stop began. */
      inFlight: number;
    }
  | { type: 'batch-end'; summary: BatchSummary };

export type BatchEventListener = (event: BatchEvent) => void;
