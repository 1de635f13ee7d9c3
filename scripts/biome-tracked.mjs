#!/usr/bin/env node
// Runs Biome on the files git tracks (plus staged additions), so a scratch file in the work tree never
// breaks `pnpm test`. Arguments are passed to `biome`, e.g. `check` or `check --write`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const listed = spawnSync('git', ['ls-files', '-z', '--cached'], { encoding: 'utf8' });
if (listed.status !== 0) {
  process.stderr.write(`biome-tracked: git ls-files failed: ${listed.stderr}\n`);
  process.exit(2);
}
const files = listed.stdout.split('\0').filter((file) => file !== '' && existsSync(file));
const biome = spawnSync(
  'biome',
  [...process.argv.slice(2), '--files-ignore-unknown=true', '--no-errors-on-unmatched', ...files],
  { stdio: 'inherit' },
);
process.exit(biome.status ?? 1);
