#!/usr/bin/env node
// Runs the built CLI with plain node. In a clone of the repository, `pnpm build` (or `pnpm install`,
// which builds) produces dist/ first.
import { loadBuiltEntry } from './load-built-entry.js';

// `tokenflow ... | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// Before the CLI loads: `tokenflow run` keeps V8's young generation small (dist/run/cap-young-generation.js).
const { holdYoungGenerationWhileLoading } = await loadBuiltEntry(
  'tokenflow',
  new URL('../dist/run/cap-young-generation.js', import.meta.url),
);
holdYoungGenerationWhileLoading();

const { main } = await loadBuiltEntry('tokenflow', new URL('../dist/main.js', import.meta.url));

process.exitCode = await main(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  onInterrupt: (listener) => {
    process.on('SIGINT', listener);
    process.on('SIGTERM', listener);
  },
});
