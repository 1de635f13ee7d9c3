import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { type ExitCode, exitCodes } from './exit-codes.js';
import { createProgram } from './program.js';

/**
 * Runs `tokenflow` with `argv` (as `process.argv`: node, script, then arguments) and resolves to the
 * exit code. Never throws: every failure is written to `io.stderr` for a person to act on.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = exitCodes.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; wrong arguments were already explained.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    // Duck-typed rather than `instanceof`, so this file does not load @tokenflow/core at start-up.
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'pipeline_spec_invalid') {
      io.stderr.write(`${message}\n`);
    } else if (typeof code === 'string' && code.startsWith('cli_')) {
      io.stderr.write(`tokenflow: ${message}\n`);
    } else {
      io.stderr.write(`tokenflow: ${message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
    }
    return exitCodes.usage;
  }
}
