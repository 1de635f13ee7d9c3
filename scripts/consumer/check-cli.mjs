// (c) The installed `tokenflow` bin, through npx, with no TOKENOFF_API_KEY: it must start its own
// emulator and run a YAML pipeline; `--help` must work, and its start time is shown (never asserted).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyFixtures } from './consumer-project.mjs';
import { check, expect, ms } from './report.mjs';
import { runCommand, tailOf } from './run-command.mjs';

// `--no`: never download a package named `tokenflow` from the registry if the bin were missing;
// `--`: everything after it goes to tokenflow, not to npx (`npx --no tokenflow --help` prints npx's help).
const npxTokenflow = ['--no', '--', 'tokenflow'];

export async function checkCli(folder) {
  await check('(c) npx tokenflow --help', async () => {
    const help = await runCommand('npx', [...npxTokenflow, '--help'], { cwd: folder });
    expect(help.code === 0, `exit ${help.code}\n${tailOf(help)}`);
    expect(/Usage: tokenflow/.test(help.stdout) && /\brun\b/.test(help.stdout), tailOf(help));
    // The bin's own start (npx adds its own), the median of three runs.
    const bin = join(folder, 'node_modules', '.bin', 'tokenflow');
    const times = [];
    for (let run = 0; run < 3; run += 1) {
      const timed = await runCommand(bin, ['--help'], { cwd: folder });
      expect(timed.code === 0, `exit ${timed.code}\n${tailOf(timed)}`);
      times.push(timed.ms);
    }
    const median = [...times].sort((a, b) => a - b)[1];
    return `tokenflow --help starts in ${ms(median)} (median of ${times.map(ms).join(', ')}; through npx ${ms(help.ms)})`;
  });

  await check('(c) npx tokenflow run <pipeline.yaml> runs offline on the built-in emulator', async () => {
    await copyFixtures(folder, ['reviews.yaml', 'reviews.jsonl']);
    const output = join(folder, 'out', 'reviews.jsonl');
    const run = await runCommand(
      'npx',
      [...npxTokenflow, 'run', 'reviews.yaml', '--input', 'reviews.jsonl', '--output', output],
      { cwd: folder },
    );
    expect(run.code === 0, `exit ${run.code}\n${tailOf(run, 20)}`);
    expect(
      /http:\/\/127\.0\.0\.1:\d+/.test(run.stderr + run.stdout),
      `no loopback emulator address in:\n${tailOf(run)}`,
    );
    const rows = (await readFile(output, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .sort((a, b) => a.line - b.line);
    // The calculator tool step's results are exact; the llm step's values only need the declared types.
    const totals = rows.map((row) => `${row.id}=${row.output.total}`).join(' ');
    expect(totals === 'r1=60 r2=45 r3=37.5', `calculator totals ${totals}`);
    for (const row of rows) {
      expect(
        ['positive', 'negative', 'neutral'].includes(row.output.sentiment),
        `row ${JSON.stringify(row)}`,
      );
      expect(
        typeof row.output.summary === 'string' && row.output.summary !== '',
        `row ${row.id} has no summary`,
      );
    }
    const errors = await readFile(join(folder, 'out', 'reviews.errors.jsonl'), 'utf8').catch(() => '');
    expect(errors.trim() === '', `rows failed:\n${errors}`);
    return `${rows.length} rows (${totals}) in ${ms(run.ms)}`;
  });
}
