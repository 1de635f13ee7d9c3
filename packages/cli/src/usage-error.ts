import { TokenflowError } from '@tokenflow/core';

/** A wrong argument, a missing file or an invalid option value: exit code 2, nothing was run. */
export class UsageError extends TokenflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('cli_usage', message, options);
    this.name = 'UsageError';
  }
}
