/** Why one input row could not be read or used; becomes a line of the errors file. */
export interface RowErrorInfo {
  /** A stable code from `batchErrorCodes` (input problems) or the processor's error code. */
  code: string;
  /** What went wrong, where (`file:line`) and what to do. */
  message: string;
}

/**
 * One row as the readers see it, before ids and schemas: `index` is its 0-based position among the
 * rows of the file (blank lines are not rows), `line` the 1-based line it starts on.
 */
export type InputRecord =
  | { readonly index: number; readonly line: number; readonly value: Record<string, unknown> }
  | { readonly index: number; readonly line: number; readonly error: RowErrorInfo };

/** Options shared by the input readers. */
export interface InputReadOptions {
  /**
   * A JSONL line (or CSV record) longer than this becomes an error row instead of being held in memory.
   * @default 16 * 1024 * 1024
   */
  maxLineBytes?: number;
  /** How the file is named in messages. @default the path as given */
  displayName?: string;
}

export const defaultMaxLineBytes = 16 * 1024 * 1024;
