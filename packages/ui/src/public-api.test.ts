import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderApiReports, storedApiReports } from '../../../api/api-report.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('the public API of @tokenflow/ui', () => {
  // Reads every entry point with the TypeScript compiler, which takes a while on a loaded machine.
  it('is exactly what the reports in api/ say (after a deliberate change: pnpm api:update, then review the diff)', () => {
    const rendered = renderApiReports(packageDir);
    const stored = storedApiReports(packageDir);
    expect([...stored.keys()], 'one report per entry point in package.json exports').toEqual(
      [...rendered.keys()].sort(),
    );
    for (const [file, text] of rendered) expect(stored.get(file), `api/${file}`).toBe(text);
  }, 300_000);
});
