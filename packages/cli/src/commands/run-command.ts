import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { dollars, wholeNumber } from '../support/parse-options.js';
import type { RunFlags } from './run-pipeline-file.js';

const examples = `
Examples:
  $ tokenflow run pipelines/classify.yaml --input data/tickets.jsonl --output out/tickets.jsonl
  $ tokenflow run summarize.yaml --input docs.csv --output out.jsonl --concurrency 16 --max-cost 2.50
  $ tokenflow run extract.yaml --input news.jsonl --output out.jsonl --restart
  $ tokenflow run extract.yaml --input news.jsonl --output out.jsonl --json | jq .type
  $ tokenflow run extract.yaml --input news.jsonl --output out.jsonl --queue redis://127.0.0.1:6379
  $ tokenflow run extract.yaml --input news.jsonl --output out.jsonl --trace
  $ OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 tokenflow run extract.yaml -i news.jsonl -o out.jsonl

Without TOKENOFF_API_KEY the run goes to a built-in emulator (offline, simulated answers; costs shown are what TokenOff would charge).
Runs are resumable: after Ctrl-C or a crash, run the same command again to continue where it stopped.
Ctrl-C once stops taking rows and lets in-flight rows finish; twice cancels them (still resumable).

Exit codes: 0 all rows done, 1 some rows failed or were left undone (budget), 2 usage or pipeline errors,
130 interrupted.`;

/** `tokenflow run`: a YAML pipeline over a JSONL or CSV dataset, resumable, with live progress. */
export function runCommand(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  return new Command('run')
    .description('Run a YAML pipeline over every row of a JSONL or CSV file, resumably.')
    .argument('<pipeline>', 'the pipeline YAML file')
    .requiredOption('-i, --input <file>', 'input rows: .jsonl or .csv')
    .requiredOption('-o, --output <file>', 'output JSONL: one line per finished row')
    .option('--errors <file>', 'failed rows (default: <output>.errors.jsonl)')
    .addOption(
      new Option('--format <format>', 'input format (default: from the extension)').choices(['jsonl', 'csv']),
    )
    .option('-c, --concurrency <n>', 'rows in flight at once', wholeNumber('--concurrency', 1, 1024), 8)
    .option(
      '--max-cost <usd>',
      'stop starting rows before this run could cost more (USD)',
      dollars('--max-cost'),
    )
    .option('--resume', 'continue an earlier run of the same command (the default when its journal exists)')
    .option('--restart', 'start over: empty the output, errors and journal files')
    .option('--allow-changed', 'resume even though the pipeline or input changed since the run began')
    .option('--dry-run', 'check the pipeline and the input, show what would run, call no model')
    .option('--json', 'print progress events and the summary as JSON lines on stdout')
    .option(
      '--emulator-faults <file>',
      'offline only: faults for the built-in emulator (JSON, see emulator README)',
    )
    .option(
      '--trace [file]',
      "write the run's OpenTelemetry spans as OTLP JSON lines (default file: <output>.trace.jsonl); OTEL_EXPORTER_OTLP_ENDPOINT also sends them to a collector",
    )
    .option(
      '--trace-content',
      'record prompts, answers and tool arguments/results in the spans (off by default)',
    )
    .option(
      '--queue <url>',
      'run the rows on workers (tokenflow worker) through this Redis; this process writes the files',
    )
    .option(
      '--no-fsync',
      'skip fsync on commits (faster; finished rows survive a crash but not a power loss)',
    )
    .addHelpText('after', examples)
    .action(async (pipelinePath: string, flags: RunFlags & { queue?: string }) => {
      if (flags.queue !== undefined) {
        const { runQueuedPipelineFile } = await import('./run-queued-pipeline-file.js');
        setExitCode(await runQueuedPipelineFile(io, pipelinePath, flags, flags.queue));
        return;
      }
      const { runPipelineFile } = await import('./run-pipeline-file.js');
      setExitCode(await runPipelineFile(io, pipelinePath, flags));
    });
}
