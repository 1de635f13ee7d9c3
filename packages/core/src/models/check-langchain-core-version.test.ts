import { describe, expect, it } from 'vitest';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { ChatTokenOff } from './chat-tokenoff.js';
import { checkLangChainCoreVersion, supportedLangChainCoreRange } from './check-langchain-core-version.js';

describe('checkLangChainCoreVersion', () => {
  it('accepts 1.x releases from 1.2.11 (the lowest the consumer test installs), prereleases included', () => {
    for (const version of ['1.2.11', '1.3.5', '1.4.0', '1.10.0', '1.2.11-rc.1']) {
      expect(() => checkLangChainCoreVersion(version)).not.toThrow();
    }
  });

  it('refuses versions outside the range, naming the range, the version found and the fix', () => {
    for (const version of ['0.3.80', '1.0.0', '1.2.10', '2.0.0', '2.0.0-rc.1']) {
      let thrown: unknown;
      try {
        checkLangChainCoreVersion(version);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TokenflowError);
      expect(thrown).toMatchObject({ code: 'unsupported_dependency' });
      expect((thrown as Error).message).toContain(`@langchain/core ${supportedLangChainCoreRange}`);
      expect((thrown as Error).message).toContain(`@langchain/core ${version} is installed`);
      expect((thrown as Error).message).toContain('pnpm add @langchain/core@^1');
    }
  });

  it('says so when no readable @langchain/core is found', () => {
    expect(() => checkLangChainCoreVersion('unknown')).toThrow(/no readable @langchain\/core is installed/);
  });

  it('passes for the installed @langchain/core, which ChatTokenOff checks when it is built', () => {
    expect(() => checkLangChainCoreVersion()).not.toThrow();
    expect(new ChatTokenOff({ model: 'gemini-2.5-flash', apiKey: 'tk-live-x7Qm2' })).toBeInstanceOf(
      ChatTokenOff,
    );
  });
});
