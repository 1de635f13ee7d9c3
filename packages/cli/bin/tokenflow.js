#!/usr/bin/env node
// Loads the TypeScript entry through tsx, so the CLI runs from source with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');

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
