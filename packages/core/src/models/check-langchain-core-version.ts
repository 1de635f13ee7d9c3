import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TokenflowError } from '../errors/tokenflow-error.js';

/** Lowest `@langchain/core` ChatTokenOff works with; keep equal to the peer range in package.json. */
const minimum = [1, 2, 11] as const;
/** First `@langchain/core` major ChatTokenOff does not work with. */
const nextMajor = 2;

/** The `@langchain/core` versions ChatTokenOff works with (a peer dependency of @tokenflow/core). */
export const supportedLangChainCoreRange = `>=${minimum.join('.')} <${nextMajor}.0.0`;

let checked: string | undefined;

/**
 * Throws a clear `unsupported_dependency` error when the installed `@langchain/core` is outside
 * {@link supportedLangChainCoreRange}, instead of failing later on a missing method. Reads the installed
 * package.json once per process; `version` is for tests.
 */
export function checkLangChainCoreVersion(version: string = installedLangChainCoreVersion()): void {
  if (isSupported(version)) return;
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

/** Whether `version` (`1.4.0`, `1.0.0-alpha.4`, ...) is in the range; prereleases count as their release. */
function isSupported(version: string): boolean {
  const parts = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  if (!parts) return false;
  const [major = 0] = parts;
  if (major >= nextMajor) return false;
  for (const [index, part] of parts.entries()) {
    const floor = minimum[index] ?? 0;
    if (part !== floor) return part > floor;
  }
  return true;
}
