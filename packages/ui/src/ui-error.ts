import { TokenflowError } from '@tokenflow/core';

/** Codes of the errors the run viewer throws. */
export type UiErrorCode = 'ui-port-in-use' | 'ui-folder-missing' | 'ui-listen-failed';

/**
 * An error of the run viewer's server: it could not start (port taken, folder missing). `fields` names
 * what was involved (`port`, `host`, `folder`) so a caller can act on it without parsing the message.
 */
export class UiError extends TokenflowError {
  readonly fields: Readonly<Record<string, string | number>>;

  constructor(
    code: UiErrorCode,
    message: string,
    fields: Record<string, string | number>,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'UiError';
    this.fields = fields;
  }
}
