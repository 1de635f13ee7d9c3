import { describe, expect, it } from 'vitest';
import { defaultTokenOffBaseUrl, resolveTokenOffConfig } from './resolve-tokenoff-config.js';

describe('resolveTokenOffConfig', () => {
  it('prefers options over the environment and strips trailing slashes', () => {
    const config = resolveTokenOffConfig({
      apiKey: 'from-option',
      baseUrl: 'http://127.0.0.1:9/api///',
      env: { TOKENOFF_API_KEY: 'from-env', TOKENOFF_BASE_URL: 'http://other/api' },
    });
    expect(config).toEqual({
      apiKey: 'from-option',
      keyVariable: 'the apiKey option',
      baseUrl: 'http://127.0.0.1:9/api',
    });
  });

  it('reads TOKENOFF_API_KEY and defaults the base URL to TokenOff', () => {
    const config = resolveTokenOffConfig({
      env: { TOKENOFF_API_KEY: 'k', GOOGLE_API_KEY: 'google', LANGSMITH_GATEWAY: 'x' },
    });
    expect(config).toEqual({ apiKey: 'k', keyVariable: 'TOKENOFF_API_KEY', baseUrl: defaultTokenOffBaseUrl });
  });

  it('never falls back to GOOGLE_API_KEY or GEMINI_API_KEY', () => {
    expect(() => resolveTokenOffConfig({ env: { GOOGLE_API_KEY: 'g', GEMINI_API_KEY: 'g' } })).toThrow(
      /No TokenOff API key: set the TOKENOFF_API_KEY environment variable/,
    );
  });

  it('refuses a base URL that is not http(s), naming where it came from', () => {
    expect(() => resolveTokenOffConfig({ apiKey: 'k', baseUrl: 'tokenoff.com/api' })).toThrow(
      /the baseUrl option must be an absolute http\(s\) URL/,
    );
    expect(() => resolveTokenOffConfig({ apiKey: 'k', env: { TOKENOFF_BASE_URL: 'ftp://x/api' } })).toThrow(
      /TOKENOFF_BASE_URL must use http or https/,
    );
  });
});
