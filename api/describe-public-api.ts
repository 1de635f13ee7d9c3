import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderApiReports, storedApiReports } from './api-report.js';

/**
 * The test each package runs on its public surface: the exports of every entry point in its package.json
 * are exactly what its reports in api/ say. `more` adds package-specific checks inside the same block.
 */
export function describePublicApi(packageName: string, packageUrl: URL, more?: () => void): void {
  const packageDir = fileURLToPath(packageUrl);
  describe(`the public API of ${packageName}`, () => {
    // Reads every entry point with the TypeScript compiler, which takes a while on a loaded machine.
    it('is exactly what the reports in api/ say (after a deliberate change: pnpm api:update, then review the diff)', () => {
      const rendered = renderApiReports(packageDir);
      const stored = storedApiReports(packageDir);
      expect([...stored.keys()], 'one report per entry point in package.json exports').toEqual(
        [...rendered.keys()].sort(),
      );
      for (const [file, text] of rendered) expect(stored.get(file), `api/${file}`).toBe(text);
    }, 300_000);
    more?.();
  });
}
