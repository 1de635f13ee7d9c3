#!/usr/bin/env node
// Runs the built emulator CLI with plain node.
import { loadBuiltEntry } from './load-built-entry.js';

const { emulatorCommand } = await loadBuiltEntry(
  'tokenflow-emulator',
  new URL('../dist/cli/run-emulator-cli.js', import.meta.url),
);

const program = emulatorCommand(
  process,
  (emulator) => {
    const stop = () => {
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  process.env,
);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`tokenflow-emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
