#!/usr/bin/env node
// Loads the TypeScript entry through tsx, so the package runs from source with no build step.
import { register } from 'tsx/esm/api';

register();
const { emulatorCommand } = await import('../src/cli/run-emulator-cli.ts');

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
