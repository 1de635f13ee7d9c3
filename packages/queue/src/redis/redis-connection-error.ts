import { TokenflowError } from '@tokenflow/core';

/** Redis could not be reached, or the URL is not one tokenflow can use. Carries the URL without credentials. */
export class RedisConnectionError extends TokenflowError {
  /** The URL as given, with any user name and password replaced by `***`. */
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super('redis_unavailable', message, options);
    this.name = 'RedisConnectionError';
    this.url = url;
  }
}
