import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TokenflowError } from '../errors/tokenflow-error.js';

/** The `@langchain/core` versions ChatTokenOff works with (a peer dependency of @tokenflow/core). */
export const supportedLangChainCoreRange = '>=1.0.0 <2.0.0';

let checked: string | undefined;

/**
 * Throws a clear `unsupported_dependency` error when the installed `@langchain/core` is outside
 * {@link supportedLangChainCoreRange}, instead of failing later on a missing method. Reads the installed
 * package.json once per process; `version` is for tests.
 */
export function checkLangChainCoreVersion(version: string = installedLangChainCoreVersion()): void {
  const major = /^(\d+)\.\d+\.\d+/.exec(version)?.[1];
  if (major === '1') return;
  throw new TokenflowError(
    'unsupported_dependency',
    `ChatTokenOff needs @langchain/core ${supportedLangChainCoreRange}, but ${version === 'unknown' ? 'no readable @langchain/core' : `@langchain/core ${version}`} is installed. Install a supported version (\`pnpm add @langchain/core@^1\`).`,
  );
}

function installedLangChainCoreVersion(): string {
  if (checked !== undefined) return checked;
  try {
    const require = createRequire(import.meta.url);
    const manifest = JSON.parse(readFileSync(require.resolve('@langchain/core/package.json'), 'utf8')) as {
      version?: unknown;
    };
    checked = typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    checked = 'unknown';
  }
  return checked;
}
