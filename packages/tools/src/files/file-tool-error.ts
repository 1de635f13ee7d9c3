import { TokenflowError } from '@tokenflow/core';

/**
 * A file tool refused or failed an operation. `code` says which (`path_refused`, `not_found`, ...);
 * the message is written for the model and names the path it gave.
 */
export class FileToolError extends TokenflowError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'FileToolError';
  }
}
