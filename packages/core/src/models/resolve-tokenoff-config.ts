import { TokenOffError } from './tokenoff-error.js';

/** The TokenOff endpoint used when neither `baseUrl` nor `TOKENOFF_BASE_URL` says otherwise. */
export const defaultTokenOffBaseUrl = 'https://tokenoff.com/api';

export interface TokenOffConfigInput {
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
  /** Environment to read `TOKENOFF_API_KEY` / `TOKENOFF_BASE_URL` from. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface TokenOffConfig {
  apiKey: string;
  /** Where the key came from, for error messages: `'TOKENOFF_API_KEY'` or `'the apiKey option'`. */
  keyVariable: string;
  /** Absolute http(s) URL without a trailing slash. */
  baseUrl: string;
}

/**
 * Resolves the key and base URL: explicit options first, then `TOKENOFF_API_KEY` and `TOKENOFF_BASE_URL`,
 * then the default base URL. Never reads `GOOGLE_API_KEY` or LangSmith's gateway variables: a TokenOff
 * call goes to TokenOff. Errors name the variable, never the key.
 */
export function resolveTokenOffConfig(input: TokenOffConfigInput): TokenOffConfig {
  const env = input.env ?? process.env;
  const model = input.model ? ` for model ${input.model}` : '';
  const fromOption = input.apiKey?.trim();
  const fromEnv = env.TOKENOFF_API_KEY?.trim();
  const apiKey = fromOption || fromEnv;
  if (!apiKey) {
    throw new TokenOffError(
      `No TokenOff API key${model}: set the TOKENOFF_API_KEY environment variable (or pass the apiKey option). Get a key at https://tokenoff.com; to work offline, run against the tokenflow emulator instead.`,
      { kind: 'auth', ...(input.model ? { model: input.model } : {}) },
    );
  }
  const rawBaseUrl = input.baseUrl?.trim() || env.TOKENOFF_BASE_URL?.trim() || defaultTokenOffBaseUrl;
  const source = input.baseUrl?.trim() ? 'the baseUrl option' : 'TOKENOFF_BASE_URL';
  let url: URL;
  try {
    url = new URL(rawBaseUrl);
  } catch {
    throw new TokenOffError(
      `${source} must be an absolute http(s) URL such as ${defaultTokenOffBaseUrl}, got ${JSON.stringify(rawBaseUrl)}. Fix ${source}.`,
      { kind: 'invalid_request', ...(input.model ? { model: input.model } : {}) },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TokenOffError(
      `${source} must use http or https, got ${JSON.stringify(url.protocol)} in ${JSON.stringify(rawBaseUrl)}. Fix ${source}.`,
      { kind: 'invalid_request', ...(input.model ? { model: input.model } : {}) },
    );
  }
  return {
    apiKey,
    keyVariable: fromOption ? 'the apiKey option' : 'TOKENOFF_API_KEY',
    baseUrl: rawBaseUrl.replace(/\/+$/, ''),
  };
}
