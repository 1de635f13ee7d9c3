import { TokenflowError } from '../errors/tokenflow-error.js';

/**
 * Stable codes of the errors the batch runner throws (the run cannot go on) and of the error rows it
 * writes (one row failed, the run goes on).
 */
export const batchErrorCodes = [
  /** Options are wrong (a path missing, a number out of range). Thrown. */
  'batch-invalid-options',
  /** The input file cannot be opened or read. Thrown. */
  'batch-input-unreadable',
  /** The input file changed since the journal was started. Thrown unless `allowChanged`. */
  'batch-input-changed',
  /** The pipeline fingerprint differs from the journal's. Thrown unless `allowChanged`. */
  'batch-pipeline-changed',
  /** The output file exists but no journal says how it was made. Thrown unless `restart`. */
  'batch-output-exists',
  /** The journal or the files it describes are damaged beyond a torn last line. Thrown. */
  'batch-journal-corrupt',
  /** Another process holds the batch lock on the same output. Thrown. */
  'batch-locked',
  /** Writing the output, errors or journal file failed (disk full, permissions). Thrown. */
  'batch-write-failed',
  /** The reason given to row processors' signal when a stop or abort cancels them. */
  'batch-cancelled',
  /** Error row: an input line is not valid JSON. */
  'row-malformed-json',
  /** Error row: a JSONL line holds a JSON value that is not an object. */
  'row-not-an-object',
  /** Error row: a CSV record cannot be read (wrong number of fields, broken quotes). */
  'row-malformed-csv',
  /** Error row: a line is longer than `input.maxLineBytes`. */
  'row-line-too-long',
  /** Error row: the id field is missing, empty or not a string/number. */
  'row-missing-id',
  /** Error row: an earlier row has the same id. */
  'row-duplicate-id',
  /** Error row: the row does not match the row schema. */
  'row-invalid',
  /** Error row: the processor's output cannot be written as JSON (a BigInt, a cycle). */
  'row-output-invalid',
  /** Error row: the row processor threw something that carries no `code`. */
  'row-failed',
] as const;

export type BatchErrorCode = (typeof batchErrorCodes)[number];

/** Everything the batch runner throws. `path` names the file involved, when there is one. */
export class BatchError extends TokenflowError {
  override readonly code: BatchErrorCode;
  readonly path: string | undefined;

  constructor(code: BatchErrorCode, message: string, options?: { cause?: unknown; path?: string }) {
    super(code, message, options);
    this.name = 'BatchError';
    this.code = code;
    this.path = options?.path;
  }
}
