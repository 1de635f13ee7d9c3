import { resolve } from 'node:path';
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';

const examples = `
Examples:
  $ tokenflow validate pipelines/summarize.yaml
  $ tokenflow validate pipelines/*.yaml --json

Every problem is listed at once, each as file:line:col, what is wrong and a suggestion. No model is called.
Exit codes: 0 valid, 2 problems found (or a file is missing).`;

/** `tokenflow validate`: checks YAML pipelines without running them. */
export function validateCommand(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  return new Command('validate')
    .description('Check YAML pipelines: keys, types, references, tools, models; all problems at once.')
    .argument('<pipelines...>', 'pipeline YAML files')
    .option('--json', 'print the problems as JSON')
    .addHelpText('after', examples)
    .action(async (paths: string[], flags: { json?: boolean }) => {
      // Loaded on use, so `tokenflow --help` and `tokenflow models` start fast.
      const [{ formatSpecIssue, validatePipelineFile }, { builtinTools }] = await Promise.all([
        import('@tokenflow/core/spec'),
        import('@tokenflow/tools'),
      ]);
      let failed = false;
      const reports = [];
      for (const path of paths) {
        const validation = await validatePipelineFile(resolve(io.cwd, path), { tools: builtinTools });
        const issues = validation.issues.map((issue) => ({ ...issue, file: path }));
        failed ||= issues.length > 0;
        reports.push({ file: path, valid: issues.length === 0, issues });
        if (flags.json) continue;
        if (issues.length === 0) {
          io.stdout.write(`${path}: valid\n`);
        } else {
          const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
          io.stderr.write(
            `${path}: ${count}\n${issues.map((issue) => `  ${formatSpecIssue(issue)}\n`).join('')}`,
          );
        }
      }
      if (flags.json) io.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
      setExitCode(failed ? exitCodes.usage : exitCodes.ok);
    });
}
