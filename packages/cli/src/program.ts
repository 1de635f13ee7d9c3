import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { chatCommand } from './commands/chat-command.js';
import { emulatorSubcommand } from './commands/emulator-command.js';
import { modelsCommand } from './commands/models-command.js';
import { runCommand } from './commands/run-command.js';
import { statusCommand } from './commands/status-command.js';
import { uiCommand } from './commands/ui-command.js';
import { validateCommand } from './commands/validate-command.js';
import { workerCommand } from './commands/worker-command.js';
import type { ExitCode } from './exit-codes.js';

const overview = `
Commands at a glance:
  $ tokenflow run pipelines/classify.yaml --input tickets.jsonl --output out/tickets.jsonl
  $ tokenflow validate pipelines/classify.yaml
  $ tokenflow models
  $ tokenflow chat "Say hello"
  $ tokenflow emulator --port 8787
  $ tokenflow ui out                                      (the runs in out/ on a local web page)
  $ tokenflow worker --queue redis://127.0.0.1:6379      (then: tokenflow run ... --queue redis://127.0.0.1:6379)

Set TOKENOFF_API_KEY to call TokenOff (TOKENOFF_BASE_URL overrides the address); without it, run and chat
use a built-in emulator, offline.
Exit codes: 0 ok, 1 some rows (or the call) failed, 2 usage or pipeline errors, 130 interrupted.`;

/** The `tokenflow` command with its subcommands, writing to `io` and reporting its exit code. */
export function createProgram(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('tokenflow')
    .description('Typed LLM pipelines and agents on TokenOff: run YAML pipelines over datasets, resumably.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage and examples)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .addHelpText('after', overview);
  const subcommands = [
    runCommand(io, setExitCode),
    validateCommand(io, setExitCode),
    modelsCommand(io),
    chatCommand(io, setExitCode),
    emulatorSubcommand(io, () => {}),
    workerCommand(io, setExitCode),
    statusCommand(io, setExitCode),
    uiCommand(io),
  ];
  for (const command of subcommands) {
    command
      .showHelpAfterError('(run with --help for usage and examples)')
      .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
      })
      .exitOverride();
    program.addCommand(command);
  }
  return program;
}
