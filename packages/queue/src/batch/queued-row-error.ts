import { TokenflowError } from '@tokenflow/core';
import type { ServedCall } from '@tokenflow/core/gateway';

/**
 * A row that failed on a worker (or whose job failed in the queue), as the submitter writes it to the errors
 * file: the worker's error `code`, `kind` and message, and the calls it made so their cost is counted.
 */
export class QueuedRowError extends TokenflowError {
  readonly kind: string | undefined;
  readonly calls: readonly ServedCall[];

  constructor(
    code: string,
    message: string,
    options: { kind?: string | undefined; calls?: readonly ServedCall[]; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'QueuedRowError';
    this.kind = options.kind;
    this.calls = options.calls ?? [];
  }
}
