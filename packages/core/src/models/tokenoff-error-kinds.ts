import type { TokenOffErrorKind } from './tokenoff-error.js';

/** What the models layer knows about one kind of TokenOff failure. */
export interface TokenOffErrorKindRule {
  /** Whether retrying the same call on the same model can succeed (`TokenOffError.retryable`). */
  retryable: boolean;
  /** What happened, to open a message: `TokenOff rate-limited the call to model gemini-2.5-pro`. */
  summary: (model: string) => string;
  /** What to do, to close a message. */
  advice: (situation: AdviceSituation) => string;
}

/** What an advice may mention. */
export interface AdviceSituation {
  /** `wait 12 s`, or `wait a little` when the server named no delay. */
  wait: string;
  /** When the quota resets: ` (about 3 h)`, or when daily quotas reset if the server did not say. */
  resetsIn: string;
  /** The environment variable the key came from, when not `TOKENOFF_API_KEY`. */
  keyVariable: string | undefined;
}

const fixTheRequest = (): string => 'Retrying will not help: fix the request as the message says.';

/**
 * The models layer's one table of error kinds: adding a kind to `tokenOffErrorKinds` fails to compile
 * until it has an entry here (and one in the gateway's `error-policy.ts`).
 */
export const tokenOffErrorKindRules = {
  rate_limited: {
    retryable: true,
    summary: (model) => `TokenOff rate-limited the call to ${model}`,
    advice: ({ wait }) =>
      `Transient: ${wait} and retry (the tokenflow gateway does this), or lower this model's concurrency or RPM limit.`,
  },
  quota_exhausted: {
    retryable: false,
    summary: (model) => `The TokenOff quota for ${model} is used up`,
    advice: ({ resetsIn }) =>
      `Retrying now will not help: fall back to another model, or wait until the quota resets${resetsIn}; check your TokenOff plan and balance.`,
  },
  overloaded: {
    retryable: true,
    summary: (model) => `TokenOff reports ${model} as overloaded`,
    advice: () => 'Usually brief: retry with backoff, or fall back to another model.',
  },
  server: {
    retryable: true,
    summary: (model) => `TokenOff had a server error on ${model}`,
    advice: () =>
      'Retry with backoff; if it keeps failing, the prompt may be too long for the model to finish in time.',
  },
  timeout: {
    retryable: true,
    summary: (model) => `The call to ${model} timed out`,
    advice: () => 'Retry, or raise the timeout.',
  },
  network: {
    retryable: true,
    summary: (model) => `The connection to TokenOff for ${model} failed`,
    advice: () => 'Retry; if it keeps failing, check the network and the base URL.',
  },
  invalid_request: {
    retryable: false,
    summary: (model) => `TokenOff rejected the request to ${model} as invalid`,
    advice: fixTheRequest,
  },
  auth: {
    retryable: false,
    summary: (model) => `TokenOff refused the API key for ${model}`,
    advice: ({ keyVariable }) => {
      const variable = keyVariable ?? 'TOKENOFF_API_KEY';
      const where =
        variable === 'TOKENOFF_API_KEY' ? variable : `${variable} (it overrides TOKENOFF_API_KEY)`;
      return `Check ${where}: the key is missing, wrong, revoked or not allowed to use this model. Retrying will not help.`;
    },
  },
  not_found: {
    retryable: false,
    summary: (model) => `TokenOff does not serve ${model}`,
    advice: () =>
      'Check the model id (see the tokenflow model catalog), or fall back to a model TokenOff serves.',
  },
  blocked: {
    retryable: false,
    summary: (model) => `The call to ${model} failed (blocked)`,
    advice: fixTheRequest,
  },
  truncated: {
    retryable: false,
    summary: (model) => `The call to ${model} failed (truncated)`,
    advice: fixTheRequest,
  },
  aborted: {
    retryable: false,
    summary: (model) => `The call to ${model} failed (aborted)`,
    advice: fixTheRequest,
  },
} as const satisfies Record<TokenOffErrorKind, TokenOffErrorKindRule>;
