import { TokenflowError } from '../errors/tokenflow-error.js';
import type { GatewayOptions } from './gateway-options.js';

/** The key, base URL and offline switch of a gateway, from its options and the environment. */
export interface ResolvedGatewayConnection {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  offline: boolean;
}

/**
 * Options first, then `TOKENOFF_API_KEY`, `TOKENOFF_BASE_URL` and `TOKENFLOW_OFFLINE`. A variable that is
 * set but empty is an error, not a default: an empty `TOKENOFF_BASE_URL` must not quietly mean production,
 * where the key would be sent. Messages never echo a key.
 */
export function resolveGatewayConnection(
  options: Pick<GatewayOptions, 'apiKey' | 'baseUrl' | 'offline'>,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedGatewayConnection {
  const offline = resolveOffline(options.offline, env.TOKENFLOW_OFFLINE);
  if (offline) {
    for (const name of ['apiKey', 'baseUrl'] as const) {
      if (options[name] !== undefined) {
        throw new TokenflowError(
          'invalid_option',
          `\`offline: true\` cannot be combined with \`${name}\`: offline calls go to the built-in emulator. ` +
            `Drop \`${name}\` to run offline, or drop \`offline\` to call TokenOff.`,
        );
      }
    }
    return { apiKey: undefined, baseUrl: undefined, offline };
  }

  const apiKey = options.apiKey ?? fromEnv(env, 'TOKENOFF_API_KEY', 'your TokenOff API key');
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey.trim() === '')) {
    // Never echo the value: it may be a key.
    throw new TokenflowError(
      'invalid_option',
      'Expected `apiKey` to be a non-empty string; got an empty or non-string value.',
    );
  }
  const baseUrl =
    options.baseUrl ?? fromEnv(env, 'TOKENOFF_BASE_URL', 'an http(s) URL such as https://tokenoff.com/api');
  if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !/^https?:\/\/[^/]/.test(baseUrl))) {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`baseUrl\` to be an http(s) URL such as \`https://tokenoff.com/api\`, got ${JSON.stringify(String(baseUrl)).slice(0, 80)}. Fix the option passed to createGateway().`,
    );
  }
  return { apiKey, baseUrl, offline: false };
}

function resolveOffline(option: unknown, variable: string | undefined): boolean {
  if (option !== undefined) {
    if (typeof option !== 'boolean') {
      throw new TokenflowError(
        'invalid_option',
        `Expected \`offline\` to be true or false, got ${JSON.stringify(option) ?? String(option)} (${typeof option}).`,
      );
    }
    return option;
  }
  if (variable === undefined || variable.trim() === '') return false;
  const value = variable.trim().toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new TokenflowError(
    'invalid_option',
    `TOKENFLOW_OFFLINE must be 1/true or 0/false, got ${JSON.stringify(variable.slice(0, 20))}. Fix the environment variable.`,
  );
}

function fromEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  expected: string,
): string | undefined {
  const value = env[name];
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new TokenflowError(
      'invalid_option',
      `The environment variable ${name} is set but empty; expected ${expected}. Set it, or unset it ` +
        (name === 'TOKENOFF_BASE_URL'
          ? '(unset means https://tokenoff.com/api).'
          : 'and pass the option instead.'),
    );
  }
  return trimmed;
}
