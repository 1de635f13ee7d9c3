#!/usr/bin/env node
// The consumer test (issue #10, item 2): installs the packages the way a user gets them and uses them
// from outside the workspace. It packs every publishable package with `pnpm pack`, installs all tarballs
// with one plain `npm install` (plus the user's own @langchain/core) into a project under the system
// temp folder, then checks, each on one line:
//   (a) a plain node ESM script uses core, tools and emulator (scripts/consumer/use-the-libraries.mjs);
//   (b) tsc --noEmit passes with moduleResolution nodenext and bundler, and a mismatched .then() fails;
//   (c) the installed `tokenflow` bin runs a YAML pipeline offline, and `--help` works (start time shown);
//   (d) publint and @arethetypeswrong/cli find no problem in any tarball;
//   (e) subpaths that are not exported fail with ERR_PACKAGE_PATH_NOT_EXPORTED;
//   (f) script (a) also passes against the lowest @langchain/core the peer range allows.
// It ends with `N passed, N failed` and exits 1 on any failure. The temp folder is removed at the end.
//
// Usage: node scripts/consumer-test.mjs [--no-build] [--keep]
//   --no-build  pack dist/ as it is (by default the packages are built first; a cache hit in CI)
//   --keep      keep the temp folder and print its path, to look around after a failure
import { rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  manifestProblems,
  packedManifest,
  packPackage,
  publishablePackages,
} from './consumer/pack-packages.mjs';
import { runCommand, tailOf } from './consumer/run-command.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const fixtures = join(root, 'scripts', 'consumer');
const options = new Set(process.argv.slice(2));
const unknown = [...options].filter((option) => !['--no-build', '--keep'].includes(option));
if (unknown.length > 0) {
  process.stderr.write(`consumer-test: unknown option ${unknown.join(', ')}; known: --no-build, --keep\n`);
  process.exit(2);
}

/** The packages script (a) imports; the lowest-peer project installs only these. */
const libraries = ['@tokenflow/core', '@tokenflow/tools', '@tokenflow/emulator'];
const counts = { passed: 0, failed: 0 };

function report(ok, name, detail = '') {
  counts[ok ? 'passed' : 'failed'] += 1;
  const [first, ...rest] = String(detail).split('\n');
  const line = `${ok ? 'ok  ' : 'FAIL'} ${name}${first ? `: ${first}` : ''}`;
  process.stdout.write(`${[line, ...rest.map((text) => `       ${text}`)].join('\n')}\n`);
}

/** Runs one check; it passes when `body` resolves and fails with the message when it throws. */
async function check(name, body) {
  try {
    report(true, name, await body());
    return true;
  } catch (error) {
    report(false, name, error instanceof Error ? error.message : String(error));
    return false;
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

const ms = (value) => `${Math.round(value)} ms`;

const temp = await mkdtemp(join(tmpdir(), 'tokenflow-consumer-'));
const removeTemp = () => {
  if (!options.has('--keep')) rmSync(temp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    removeTemp();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  report(false, 'consumer test stopped early', error instanceof Error ? error.stack : String(error));
} finally {
  removeTemp();
  if (options.has('--keep')) process.stdout.write(`kept ${temp}\n`);
}
process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
process.exitCode = counts.failed > 0 ? 1 : 0;

async function main() {
  const started = process.hrtime.bigint();
  const workspace = await publishablePackages(root);
  const rootManifest = await readJson(join(root, 'package.json'));
  const coreManifest = await readJson(join(root, 'packages', 'core', 'package.json'));
  const peerRange = coreManifest.peerDependencies?.['@langchain/core'];
  const lowestPeer = /^>=\s*(\d+\.\d+\.\d+)/.exec(peerRange ?? '')?.[1];
  const versions = {
    typescript: rootManifest.devDependencies.typescript,
    typesNode: rootManifest.devDependencies['@types/node'],
    zod: coreManifest.dependencies.zod,
  };

  if (!options.has('--no-build')) {
    const build = await runCommand(
      'pnpm',
      [
        'exec',
        'turbo',
        'run',
        'build',
        '--output-logs=errors-only',
        ...workspace.map((p) => `--filter=${p.name}`),
      ],
      { cwd: root, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
    );
    if (
      !(await check('build the publishable packages', () => (build.code === 0 ? ms(build.ms) : fail(build))))
    )
      return;
  }

  // Pack.
  const tarballFolder = join(temp, 'tarballs');
  await mkdir(tarballFolder);
  const tarballs = new Map();
  const packStarted = process.hrtime.bigint();
  const packed = await check(`pnpm pack ${workspace.length} publishable packages`, async () => {
    expect(workspace.length > 0, 'no publishable package found in the workspace');
    const problems = [];
    for (const workspacePackage of workspace) {
      const tarball = await packPackage(workspacePackage, tarballFolder);
      tarballs.set(workspacePackage.name, tarball);
      const manifest = await packedManifest(tarball);
      for (const problem of manifestProblems(manifest)) problems.push(`${workspacePackage.name}: ${problem}`);
    }
    expect(problems.length === 0, problems.join('\n'));
    return `${workspace.map((p) => p.name).join(', ')} (${ms(Number(process.hrtime.bigint() - packStarted) / 1e6)})`;
  });
  if (!packed) return;

  // (d) first: it needs only the tarballs.
  for (const [name, tarball] of tarballs) {
    await check(`(d) publint ${name}`, async () => {
      const linted = await runCommand('pnpm', ['exec', 'publint', 'run', tarball, '--strict'], {
        cwd: root,
        env: process.env,
      });
      expect(linted.code === 0 && linted.stdout.includes('All good!'), tailOf(linted, 30));
      return 'all good';
    });
    await check(`(d) attw --profile esm-only ${name}`, async () => {
      const attw = await runCommand(
        'pnpm',
        [
          'exec',
          'attw',
          tarball,
          '--profile',
          'esm-only',
          '--no-definitely-typed',
          '--format',
          'ascii',
          '--no-color',
          '--no-emoji',
        ],
        { cwd: root, env: process.env },
      );
      expect(attw.code === 0, tailOf(attw, 40));
      return 'no problems (CommonJS resolution ignored: ESM only)';
    });
  }

  // Install everything, once, into a project outside the workspace.
  const app = join(temp, 'app');
  const installed = await check('npm install every tarball, with the peer @langchain/core, in one go', () =>
    installProject(app, [
      ...tarballs.values(),
      `@langchain/core@${peerRange}`,
      `zod@${versions.zod}`,
      `typescript@${versions.typescript}`,
      `@types/node@${versions.typesNode}`,
    ]),
  );
  if (!installed) return;
  await check('the consumer tree has one @langchain/core and every @tokenflow package from its tarball', () =>
    checkTree(app, [...tarballs.keys()]),
  );

  // (a)
  await runLibraryScript(app, '(a)');

  // (b)
  for (const resolution of ['nodenext', 'bundler']) await typeCheck(app, resolution);

  // (c)
  await checkCli(app);

  // (e)
  await check('(e) subpaths that are not exported fail with ERR_PACKAGE_PATH_NOT_EXPORTED', async () => {
    const specifiers = [
      '@tokenflow/core/src/index.js',
      '@tokenflow/core/dist/index.js',
      '@tokenflow/tools/src/index.ts',
      '@tokenflow/emulator/dist/index.js',
    ];
    const probe = `for (const specifier of ${JSON.stringify(specifiers)}) {
      const code = await import(specifier).then(() => 'imported', (error) => error.code);
      process.stdout.write(specifier + ' ' + code + '\\n');
    }`;
    const result = await runCommand('node', ['--input-type=module', '-e', probe], { cwd: app });
    expect(result.code === 0, tailOf(result));
    const wrong = result.stdout
      .trim()
      .split('\n')
      .filter((line) => !line.endsWith(' ERR_PACKAGE_PATH_NOT_EXPORTED'));
    expect(wrong.length === 0, wrong.join('\n'));
    return specifiers.join(', ');
  });

  // (f)
  const lowest = join(temp, 'lowest-peer');
  const lowestInstalled = await check(
    `(f) npm install ${libraries.join(', ')} with the lowest peer @langchain/core@${lowestPeer}`,
    async () => {
      expect(lowestPeer, `the peer range "${peerRange}" has no ">=x.y.z" lower bound`);
      const detail = await installProject(lowest, [
        ...libraries.map((name) => tarballs.get(name)),
        `@langchain/core@${lowestPeer}`,
        `zod@${versions.zod}`,
      ]);
      const version = (await readJson(join(lowest, 'node_modules', '@langchain', 'core', 'package.json')))
        .version;
      expect(version === lowestPeer, `installed @langchain/core ${version}, not ${lowestPeer}`);
      await checkTree(lowest, libraries);
      return detail;
    },
  );
  if (lowestInstalled) await runLibraryScript(lowest, `(f) @langchain/core@${lowestPeer}:`);

  process.stdout.write(`consumer test took ${ms(Number(process.hrtime.bigint() - started) / 1e6)}\n`);
}

function fail(result) {
  throw new Error(`exit ${result.code}\n${tailOf(result)}`);
}

/** Creates a plain npm project in `folder` and installs `specs` with one `npm install`. */
async function installProject(folder, specs) {
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'tokenflow-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const install = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    {
      cwd: folder,
    },
  );
  if (install.code !== 0) fail(install);
  const langchain = await readJson(join(folder, 'node_modules', '@langchain', 'core', 'package.json'));
  return `${ms(install.ms)}, @langchain/core ${langchain.version}`;
}

/**
 * One copy of @langchain/core (so `instanceof BaseChatModel` means the user's class), and every
 * @tokenflow package installed once, from the local tarball, never from the registry.
 */
async function checkTree(folder, expectedPackages) {
  const lock = await readJson(join(folder, 'package-lock.json'));
  const paths = Object.keys(lock.packages ?? {});
  const langchainCopies = paths.filter((path) => path.endsWith('node_modules/@langchain/core'));
  expect(
    langchainCopies.length === 1,
    `@langchain/core is installed ${langchainCopies.length} times: ${langchainCopies}`,
  );
  const problems = [];
  for (const name of expectedPackages) {
    const copies = paths.filter((path) => path.endsWith(`node_modules/${name}`));
    const resolved = lock.packages[`node_modules/${name}`]?.resolved ?? 'missing';
    if (copies.length !== 1)
      problems.push(`${name} is installed ${copies.length} times: ${copies.join(', ')}`);
    if (!resolved.startsWith('file:')) problems.push(`${name} comes from ${resolved}, not from its tarball`);
  }
  expect(problems.length === 0, problems.join('\n'));
  return `${expectedPackages.length} packages from tarballs`;
}

/** Runs use-the-libraries.mjs with plain node in `folder`; each line it prints is one check. */
async function runLibraryScript(folder, label) {
  const script = join(folder, 'use-the-libraries.mjs');
  await copyFile(join(fixtures, 'use-the-libraries.mjs'), script);
  const result = await runCommand('node', [script], { cwd: folder });
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
  for (const line of lines) {
    const { name, ok, detail } = JSON.parse(line);
    report(ok, `${label} ${name}`, detail);
  }
  if (result.code !== 0 || lines.length === 0) {
    report(false, `${label} node use-the-libraries.mjs exits 0`, `exit ${result.code}\n${tailOf(result)}`);
  }
}

/** (b): one tsc run per resolution over both files; the good one must be clean, the bad one must fail. */
async function typeCheck(folder, resolution) {
  for (const file of ['typed-pipeline.ts', 'mismatched-then.ts'])
    await copyFile(join(fixtures, file), join(folder, file));
  const tsconfig = `tsconfig.${resolution}.json`;
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
    // Check the published .d.ts files too: a type that names a devDependency would fail here.
    skipLibCheck: false,
    module: resolution === 'nodenext' ? 'nodenext' : 'preserve',
    moduleResolution: resolution,
  };
  await writeFile(
    join(folder, tsconfig),
    `${JSON.stringify({ compilerOptions, files: ['typed-pipeline.ts', 'mismatched-then.ts'] }, null, 2)}\n`,
  );
  const result = await runCommand(join(folder, 'node_modules', '.bin', 'tsc'), ['-p', tsconfig], {
    cwd: folder,
  });
  // tsc prints `file(line,col): error TSxxxx: message`, then indented lines that belong to it.
  const errors = [];
  for (const line of result.stdout.split('\n')) {
    const match = /^(\S.*?)\(\d+,\d+\): error TS\d+/.exec(line);
    if (match) errors.push({ file: match[1], text: line });
    else if (line.startsWith(' ') && errors.length > 0) errors[errors.length - 1].text += `\n${line}`;
  }
  await check(`(b) tsc --noEmit, moduleResolution ${resolution}: typed-pipeline.ts compiles`, () => {
    // Any `error TS` line not located in mismatched-then.ts counts, including option errors with no file.
    const unexpected = result.stdout
      .split('\n')
      .filter((line) => /error TS\d+/.test(line) && !line.startsWith('mismatched-then.ts('));
    expect(unexpected.length === 0, unexpected.join('\n'));
    expect(result.code !== -1, tailOf(result));
    return ms(result.ms);
  });
  await check(`(b) tsc --noEmit, moduleResolution ${resolution}: a mismatched .then() is an error`, () => {
    const mismatch = errors.filter((error) => error.file === 'mismatched-then.ts');
    expect(result.code !== 0, `tsc exited ${result.code}`);
    expect(
      mismatch.some((error) => error.text.includes('Step input does not match the previous output')),
      `no "Step input does not match the previous output" error in mismatched-then.ts:\n${tailOf(result)}`,
    );
    return mismatch[0].text.split('\n')[0];
  });
}

/** (c): the installed bin, through npx, without TOKENOFF_API_KEY. */
async function checkCli(folder) {
  const bin = join(folder, 'node_modules', '.bin', 'tokenflow');
  await check('(c) npx tokenflow --help', async () => {
    // --no: never download a package named `tokenflow` from the registry if the bin were missing.
    const help = await runCommand('npx', ['--no', '--', 'tokenflow', '--help'], { cwd: folder });
    expect(help.code === 0, `exit ${help.code}\n${tailOf(help)}`);
    expect(/Usage: tokenflow/.test(help.stdout) && /\brun\b/.test(help.stdout), tailOf(help));
    // Start time of the bin itself (npx adds its own start), the median of three runs; shown, not asserted.
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
    for (const file of ['reviews.yaml', 'reviews.jsonl'])
      await copyFile(join(fixtures, file), join(folder, file));
    const output = join(folder, 'out', 'reviews.jsonl');
    const run = await runCommand(
      'npx',
      ['--no', '--', 'tokenflow', 'run', 'reviews.yaml', '--input', 'reviews.jsonl', '--output', output],
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
    const totals = rows.map((row) => `${row.id}=${row.output.total}`).join(' ');
    expect(totals === 'r1=60 r2=45 r3=37.5', `calculator totals ${totals}`);
    for (const row of rows) {
      expect(
        ['positive', 'negative', 'neutral'].includes(row.output.sentiment),
        `row ${row.id}: ${JSON.stringify(row)}`,
      );
      expect(
        typeof row.output.summary === 'string' && row.output.summary.length > 0,
        `row ${row.id} has no summary`,
      );
    }
    const errorsFile = await readFile(join(folder, 'out', 'reviews.errors.jsonl'), 'utf8').catch(() => '');
    expect(errorsFile.trim() === '', `rows failed:\n${errorsFile}`);
    return `${rows.length} rows (${totals}) in ${ms(run.ms)}`;
  });
}
