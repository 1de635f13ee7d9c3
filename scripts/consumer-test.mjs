#!/usr/bin/env node
// The consumer test (issue #10, item 2): installs the packages the way a user gets them and uses them
// from outside the workspace. It packs every publishable package with `pnpm pack`, installs all tarballs
// with one plain `npm install` (plus the user's own @langchain/core, the peer) into a project under the
// system temp folder, then checks, one line each:
//   (a) a plain node ESM script uses core, tools and emulator (scripts/consumer/project/use-the-libraries.mjs);
//   (b) tsc --noEmit passes with moduleResolution nodenext and bundler, and a mismatched .then() fails;
//   (c) the installed `tokenflow` bin runs a YAML pipeline offline, and `--help` works (start time shown);
//   (d) publint and @arethetypeswrong/cli find no problem in any tarball;
//   (e) subpaths that are not exported fail with ERR_PACKAGE_PATH_NOT_EXPORTED;
//   (f) script (a) passes again against the lowest @langchain/core the peer range allows.
// It ends with `N passed, N failed`, exits 1 on any failure and removes the temp folder. Child processes
// get no TOKENOFF_* variable. Network: the npm registry only (the installs).
//
// Usage: node scripts/consumer-test.mjs [--no-build] [--keep]
//   --no-build  pack dist/ as it is (by default the packages are built first; a turbo cache hit in CI)
//   --keep      keep the temp folder and print its path, to look around after a failure
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCli } from './consumer/check-cli.mjs';
import { checkTarballs } from './consumer/check-tarballs.mjs';
import { checkTypes } from './consumer/check-types.mjs';
import { checkTree, installProject, readJson, runLibraryScript } from './consumer/consumer-project.mjs';
import {
  manifestProblems,
  packedManifest,
  packPackage,
  publishablePackages,
} from './consumer/pack-packages.mjs';
import { check, counts, expect, ms, msSince, report } from './consumer/report.mjs';
import { runCommand, tailOf } from './consumer/run-command.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const options = new Set(process.argv.slice(2));
const unknown = [...options].filter((option) => !['--no-build', '--keep'].includes(option));
if (unknown.length > 0) {
  process.stderr.write(`consumer-test: unknown option ${unknown.join(', ')}; known: --no-build, --keep\n`);
  process.exit(2);
}

/** What use-the-libraries.mjs imports; the lowest-peer project installs only these. */
const libraries = ['@tokenflow/core', '@tokenflow/tools', '@tokenflow/emulator'];

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

const started = process.hrtime.bigint();
try {
  await main();
} catch (error) {
  report(false, 'the consumer test stopped early', error instanceof Error ? error.stack : String(error));
} finally {
  process.stdout.write(`consumer test took ${ms(msSince(started))}\n`);
  removeTemp();
  if (options.has('--keep')) process.stdout.write(`kept ${temp}\n`);
}
process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
process.exitCode = counts.failed > 0 ? 1 : 0;

async function main() {
  const workspace = await publishablePackages(root);
  const rootManifest = await readJson(join(root, 'package.json'));
  const coreManifest = await readJson(join(root, 'packages', 'core', 'package.json'));
  const peerRange = coreManifest.peerDependencies?.['@langchain/core'];
  const lowestPeer = /^>=\s*(\d+\.\d+\.\d+)/.exec(peerRange ?? '')?.[1];
  const userPackages = [
    `zod@${coreManifest.dependencies.zod}`,
    `typescript@${rootManifest.devDependencies.typescript}`,
    `@types/node@${rootManifest.devDependencies['@types/node']}`,
  ];

  if (!options.has('--no-build') && !(await build(workspace))) return;

  const tarballFolder = join(temp, 'tarballs');
  await mkdir(tarballFolder);
  const tarballs = new Map();
  const manifests = new Map();
  const packStarted = process.hrtime.bigint();
  const packed = await check(`pnpm pack ${workspace.length} publishable packages`, async () => {
    expect(workspace.length > 0, 'no publishable package found in the workspace');
    const problems = [];
    for (const workspacePackage of workspace) {
      const tarball = await packPackage(workspacePackage, tarballFolder);
      tarballs.set(workspacePackage.name, tarball);
      manifests.set(workspacePackage.name, await packedManifest(tarball));
      for (const problem of manifestProblems(manifests.get(workspacePackage.name))) {
        problems.push(`${workspacePackage.name}: ${problem}`);
      }
    }
    expect(problems.length === 0, problems.join('\n'));
    return `${[...tarballs.keys()].join(', ')} (${ms(msSince(packStarted))})`;
  });
  if (!packed) return;

  await checkTarballs(root, tarballs);

  const app = join(temp, 'app');
  const installed = await check(
    `npm install every tarball and @langchain/core@"${peerRange}" in one go`,
    () => installProject(app, [...tarballs.values(), `@langchain/core@${peerRange}`, ...userPackages]),
  );
  if (installed) {
    await check(
      'the installed tree has one @langchain/core and the @tokenflow packages from their tarballs',
      () => checkTree(app, [...tarballs.keys()]),
    );
    await runLibraryScript(app, '(a)');
    for (const resolution of ['nodenext', 'bundler']) await checkTypes(app, resolution);
    await checkCli(app);
    await checkNotExported(app);
  }

  const lowest = join(temp, 'lowest-peer');
  const lowestInstalled = await check(
    `(f) npm install the libraries with @langchain/core@${lowestPeer}`,
    async () => {
      expect(lowestPeer, `the peer range "${peerRange}" has no ">=x.y.z" lower bound`);
      // The libraries and the packed @tokenflow packages they depend on, so npm never asks the registry.
      const needed = withPackedDependencies(libraries, manifests);
      expect(
        needed.every((name) => tarballs.has(name)),
        `${needed.join(', ')} must all be publishable; packed ${[...tarballs.keys()]}`,
      );
      const detail = await installProject(lowest, [
        ...needed.map((name) => tarballs.get(name)),
        `@langchain/core@${lowestPeer}`,
        userPackages[0],
      ]);
      const { version } = await readJson(join(lowest, 'node_modules', '@langchain', 'core', 'package.json'));
      expect(version === lowestPeer, `npm installed @langchain/core ${version}, not ${lowestPeer}`);
      await checkTree(lowest, needed);
      return detail;
    },
  );
  if (lowestInstalled) await runLibraryScript(lowest, `(f) @langchain/core@${lowestPeer}:`);
}

/** `names` and, transitively, every @tokenflow dependency they declare in their packed manifests. */
function withPackedDependencies(names, manifests) {
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of Object.keys(manifests.get(name)?.dependencies ?? {})) {
      if (dependency.startsWith('@tokenflow/')) visit(dependency);
    }
  };
  for (const name of names) visit(name);
  return [...needed];
}

/** Builds the publishable packages (and what they depend on) so the tarballs never carry a stale dist/. */
async function build(workspace) {
  const filters = workspace.map((workspacePackage) => `--filter=${workspacePackage.name}`);
  return check('build the publishable packages', async () => {
    const built = await runCommand(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters],
      {
        cwd: root,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      },
    );
    expect(built.code === 0, `exit ${built.code}\n${tailOf(built, 30)}`);
    return ms(built.ms);
  });
}

/** (e) Only exported entry points can be imported; sources and dist files are not part of the API. */
function checkNotExported(folder) {
  const specifiers = [
    '@tokenflow/core/src/index.js',
    '@tokenflow/core/dist/index.js',
    '@tokenflow/tools/src/index.ts',
    '@tokenflow/emulator/dist/index.js',
  ];
  return check('(e) subpaths that are not exported fail with ERR_PACKAGE_PATH_NOT_EXPORTED', async () => {
    const probe = `for (const specifier of ${JSON.stringify(specifiers)}) {
      const code = await import(specifier).then(() => 'imported', (error) => error.code);
      process.stdout.write(specifier + ' ' + code + '\\n');
    }`;
    const result = await runCommand('node', ['--input-type=module', '-e', probe], { cwd: folder });
    expect(result.code === 0, tailOf(result));
    const wrong = result.stdout
      .trim()
      .split('\n')
      .filter((line) => !line.endsWith(' ERR_PACKAGE_PATH_NOT_EXPORTED'));
    expect(wrong.length === 0, wrong.join('\n'));
    return specifiers.join(', ');
  });
}
