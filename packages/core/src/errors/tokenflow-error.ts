/**
 * The base of every error tokenflow throws. `code` is a stable string id that programs can switch on;
 * `message` is written for a person (what, where, what to do); `cause` keeps whatever was thrown below.
 */
export class TokenflowError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenflowError';
    this.code = code;
  }
}
