import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesExpectedOutput, normaliseOutput } from './test-support/match-output.js';
import {
  consoleCommands,
  type RunSample,
  readmeSamples,
  splitCommand,
} from './test-support/readme-samples.js';
import { examplesDir } from './test-support/run-example.js';

/**
 * Docs that run: every sample in these READMEs that says `run` is run here, offline against the emulator,
 * and its output compared with the README's (see CONTRIBUTING.md, "Samples in READMEs"). TypeScript
 * samples run through tsx on the built packages with TOKENFLOW_OFFLINE=1 and are typechecked; console
 * samples run the built `tokenflow` binary. Each README gets its own temporary folder that looks like
 * packages/examples (its data, pipelines and node_modules linked in), so samples never share output.
 */
const repositoryRoot = join(examplesDir, '../..');
/**
 * README.md, each package's README and the READMEs of their source folders (packages/core/src/spec, ...).
 * The examples README is left out: its outputs are long runs of the example scripts, which
 * scripts.test.ts and pipelines.test.ts check.
 */
async function findReadmes(): Promise<string[]> {
  const found = ['README.md'];
  for (const name of (await readdir(join(repositoryRoot, 'packages'))).sort()) {
    if (name === 'examples') continue;
    if (await exists(join(repositoryRoot, 'packages', name, 'README.md')))
      found.push(`packages/${name}/README.md`);
    const source = join(repositoryRoot, 'packages', name, 'src');
    for (const folder of (await exists(source)) ? (await readdir(source)).sort() : []) {
      const readme = `packages/${name}/src/${folder}/README.md`;
      if (await exists(join(repositoryRoot, readme))) found.push(readme);
    }
  }
  return found;
}
const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );
const readmes = await findReadmes();
const linkedFromExamples = ['node_modules', 'pipelines', 'data', 'documents', 'company-docs', 'faults'];
const require = createRequire(import.meta.url);
const tokenflowBin = require
  .resolve('@tokenflow/cli/package.json')
  .replace(/package\.json$/, 'bin/tokenflow.js');
const examplesScripts = (
  JSON.parse(await readFile(join(examplesDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

const parsed = await Promise.all(
  readmes.map(async (readme) => readmeSamples(readme, await readFile(join(repositoryRoot, readme), 'utf8'))),
);
const folders = new Map<string, string>();

/** A folder laid out like packages/examples, holding the README's `file=` blocks. */
async function makeSandbox(files: { name: string; body: string }[]): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tokenflow-readme-'));
  for (const name of linkedFromExamples) await symlink(join(examplesDir, name), join(folder, name));
  await writeFile(join(folder, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const file of files) {
    await mkdir(dirname(join(folder, file.name)), { recursive: true });
    await writeFile(join(folder, file.name), file.body);
  }
  return folder;
}

beforeAll(async () => {
  for (const samples of parsed) folders.set(samples.readme, await makeSandbox(samples.files));
});
afterAll(async () => {
  for (const folder of folders.values()) await rm(folder, { recursive: true, force: true });
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Both, in the order the chunks arrived. */
  combined: string;
}

/** Runs `node args` in `cwd` without a TokenOff key, and resolves once its output is complete. */
function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let combined = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
    combined += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    combined += data.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, combined }));
  });
}

/**
 * How to run a command a README shows: `tokenflow ...` (or `pnpm tokenflow ...`) is the
 * built binary, `pnpm --filter @tokenflow/examples [run] <script> ...` that package script.
 */
function nodeCommand(command: string, folder: string): { args: string[]; cwd: string } {
  const words = splitCommand(command);
  if (words[0] === 'pnpm' && words[1] === 'tokenflow') words.shift();
  if (words[0] === 'tokenflow') return { args: [tokenflowBin, ...words.slice(1)], cwd: folder };
  if (words[0] === 'pnpm' && words[1] === '--filter' && words[2] === '@tokenflow/examples') {
    const rest = words.slice(words[3] === 'run' ? 4 : 3);
    const script = examplesScripts[rest[0] ?? ''];
    if (script === undefined) throw new Error(`the examples have no script "${rest[0]}": ${command}`);
    const [program, ...scriptWords] = splitCommand(script);
    const args = [...scriptWords, ...rest.slice(1)];
    if (program === 'tokenflow') return { args: [tokenflowBin, ...args], cwd: folder };
    // Scripts run from the examples package, as pnpm runs them; TOKENFLOW_EXAMPLES_OUT keeps their files apart.
    if (program === 'node') return { args, cwd: examplesDir };
  }
  throw new Error(`the docs test does not know how to run "${command}"; see readme-samples.test.ts`);
}

async function runSample(sample: RunSample): Promise<void> {
  const folder = folders.get(sample.readme) ?? '';
  const where = `${sample.readme}:${sample.line}`;
  if (sample.language === 'ts') {
    const file = `sample-${sample.line}.ts`;
    await writeFile(join(folder, file), `${sample.body}\n`);
    const ran = await runNode(['--import', 'tsx', file], folder, { TOKENFLOW_OFFLINE: '1' });
    expect(ran.code, `${where} exited with ${ran.code}:\n${ran.stderr}`).toBe(sample.expectedExitCode);
    if (sample.expectedOutput !== undefined) {
      expect(
        matchesExpectedOutput(ran.stdout, sample.expectedOutput.body),
        `${where}: the output differs from the README's (line ${sample.expectedOutput.line}); it printed:\n${normaliseOutput(ran.stdout)}`,
      ).toBe(true);
    }
    return;
  }
  for (const { command, expected } of consoleCommands(sample.body)) {
    const { args, cwd } = nodeCommand(command, folder);
    const ran = await runNode(args, cwd, { TOKENFLOW_EXAMPLES_OUT: join(folder, 'out') });
    const printed = ran.combined;
    expect(ran.code, `${where}: \`${command}\` exited with ${ran.code}:\n${printed}`).toBe(
      sample.expectedExitCode,
    );
    if (expected.trim() !== '') {
      // A terminal shows stdout and stderr interleaved; two pipes may deliver them in another order, so
      // each stream keeps its own order and either stream may come first.
      const orders = [ran.combined, ran.stderr + ran.stdout, ran.stdout + ran.stderr];
      expect(
        orders.some((order) => matchesExpectedOutput(order, expected)),
        `${where}: \`${command}\` printed something else than the README shows; it printed:\n${normaliseOutput(printed)}`,
      ).toBe(true);
    }
  }
}

describe('README samples', () => {
  it('reads the READMEs of the packages and their parts', () => {
    expect(readmes).toEqual(
      expect.arrayContaining(['README.md', 'packages/core/src/spec/README.md', 'packages/tools/README.md']),
    );
  });

  it('every fenced block says what it is: run, output, file=NAME or fragment', () => {
    const untagged = parsed.flatMap((samples) =>
      samples.untagged.map((block) => `${samples.readme}:${block.line} \`\`\`${block.language}`),
    );
    expect(untagged).toEqual([]);
  });

  for (const samples of parsed.filter((readme) => readme.runs.length > 0)) {
    // TypeScript samples run side by side; console samples of one README run in README order, one after
    // the other, because a later command may continue an earlier one's run (a resume, for example).
    let consoleBefore: Promise<unknown> = Promise.resolve();
    describe.concurrent(samples.readme, () => {
      for (const sample of samples.runs) {
        const shows = sample.expectedOutput !== undefined || sample.language === 'console';
        it(`the ${sample.language} sample at line ${sample.line} runs as written${shows ? ' and prints what the README shows' : ''}`, async () => {
          if (sample.language === 'ts') return runSample(sample);
          const previous = consoleBefore;
          const mine = previous.catch(() => undefined).then(() => runSample(sample));
          consoleBefore = mine;
          return mine;
        });
      }
    });
  }

  it('every TypeScript sample typechecks against the built packages', async () => {
    const folder = await makeSandbox([]);
    try {
      const files: string[] = [];
      for (const samples of parsed) {
        for (const sample of samples.runs.filter((run) => run.language === 'ts')) {
          const name = `${samples.readme.replace(/[/.]/g, '-')}-${sample.line}.ts`;
          await writeFile(join(folder, name), `${sample.body}\n`);
          files.push(name);
        }
      }
      await writeFile(
        join(folder, 'tsconfig.json'),
        JSON.stringify({
          extends: join(repositoryRoot, 'tsconfig.base.json'),
          compilerOptions: {
            noEmit: true,
            customConditions: [],
            types: ['node'],
            typeRoots: [join(examplesDir, 'node_modules/@types')],
          },
          files,
        }),
      );
      const ran = await runNode([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], folder);
      expect(ran.code, `tsc found errors in README samples:\n${ran.stdout}${ran.stderr}`).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
