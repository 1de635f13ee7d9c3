import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiReportDir, renderApiReports, reportedPackages, repositoryRoot } from './api-report.js';

/**
 * `pnpm api:update` rewrites the API reports of every published package; `pnpm api:check` (`--check`)
 * only compares and exits 1 listing the reports that differ.
 */
const check = process.argv.includes('--check');
const expected = new Map<string, string>();
for (const name of reportedPackages) {
  for (const [file, text] of renderApiReports(join(repositoryRoot, 'packages', name)))
    expected.set(file, text);
}

const existing = readdirSync(apiReportDir).filter((file) => file.endsWith('.api.md'));
const stale = existing.filter((file) => !expected.has(file));
const changed = [...expected].filter(([file, text]) => readIfPresent(join(apiReportDir, file)) !== text);

if (check) {
  for (const [file] of changed) process.stderr.write(`api/${file} is out of date\n`);
  for (const file of stale) process.stderr.write(`api/${file} belongs to no entry point any more\n`);
  if (changed.length > 0 || stale.length > 0) {
    process.stderr.write('The public API changed: review the difference, then run `pnpm api:update`.\n');
    process.exitCode = 1;
  } else {
    process.stdout.write(`${expected.size} API reports are up to date\n`);
  }
} else {
  for (const [file, text] of changed) writeFileSync(join(apiReportDir, file), text);
  for (const file of stale) rmSync(join(apiReportDir, file));
  process.stdout.write(
    `${changed.length} API reports written, ${stale.length} removed, ${expected.size} in all\n`,
  );
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
