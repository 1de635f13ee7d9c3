import { TokenOffError } from '../models/tokenoff-error.js';
import { charactersPerToken } from './estimate-tokens.js';

/** Which limit a request can never fit under. */
export type OversizedLimit = 'context-window' | 'tpm';

/** The facts of a request too large for its model. */
export interface OversizedRequestData {
  model: string;
  /** The gateway's estimate of the request's input tokens. */
  estimatedInputTokens: number;
  limit: OversizedLimit;
  /** The limit, in tokens (the context window) or tokens per minute (the lane's TPM budget). */
  limitTokens: number;
}

const format = (tokens: number) => tokens.toLocaleString('en-US');

/**
 * A request whose estimated input tokens exceed the model's context window (from the catalog) or the
 * whole TPM budget of its lane: no wait can make it fit, so the gateway refuses it before it takes a place
 * in the TPM window (where it would have stalled every later call to the model for a minute or more).
 * Kind `invalid_request`: the input is the caller's to split or shorten.
 */
export class OversizedRequestError extends TokenOffError {
  readonly estimatedInputTokens: number;
  readonly limit: OversizedLimit;
  readonly limitTokens: number;

  constructor(data: OversizedRequestData) {
    const estimate = `about ${format(data.estimatedInputTokens)} input tokens (estimated at ~${charactersPerToken} characters per token)`;
    const detail =
      data.limit === 'context-window'
        ? `more than the model's context window of ${format(data.limitTokens)} tokens, so the model can never read it`
        : `more than the lane's whole TPM budget of ${format(data.limitTokens)} input tokens per minute, so it could never be admitted (raise \`limits['${data.model}'].tpm\` if the quota allows)`;
    super(
      `The request to ${data.model} is ${estimate}: ${detail}. It was not sent. Split the input into smaller ` +
        'requests or shorten it.',
      { kind: 'invalid_request', model: data.model },
    );
    this.name = 'OversizedRequestError';
    this.estimatedInputTokens = data.estimatedInputTokens;
    this.limit = data.limit;
    this.limitTokens = data.limitTokens;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      estimatedInputTokens: this.estimatedInputTokens,
      limit: this.limit,
      limitTokens: this.limitTokens,
    };
  }
}

/**
 * The error for a request of `estimatedInputTokens` that can never fit `model` (its context window first,
 * then its lane's TPM budget), or undefined when it can.
 */
export function oversizedRequestError(request: {
  model: string;
  estimatedInputTokens: number;
  contextWindow: number | undefined;
  tpm: number;
}): OversizedRequestError | undefined {
  const { model, estimatedInputTokens, contextWindow, tpm } = request;
  if (contextWindow !== undefined && estimatedInputTokens > contextWindow) {
    return new OversizedRequestError({
      model,
      estimatedInputTokens,
      limit: 'context-window',
      limitTokens: contextWindow,
    });
  }
  if (estimatedInputTokens > tpm) {
    return new OversizedRequestError({ model, estimatedInputTokens, limit: 'tpm', limitTokens: tpm });
  }
  return undefined;
}
