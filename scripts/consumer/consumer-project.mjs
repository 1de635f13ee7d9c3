// A user's project: a folder with a plain package.json, filled by one `npm install` of the tarballs and
// registry packages, where the fixtures in ./project are copied and run.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, ms, report } from './report.mjs';
import { runCommand, tailOf } from './run-command.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'project');

export async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Copies fixture files from scripts/consumer/project into the project. */
export async function copyFixtures(folder, names) {
  for (const name of names) await copyFile(join(fixtures, name), join(folder, name));
}

/** Creates the project in `folder` and installs `specs` (tarball paths, `name@range`) with one `npm install`. */
export async function installProject(folder, specs) {
  await mkdir(folder, { recursive: true });
  const manifest = { name: 'tokenflow-consumer', private: true, type: 'module' };
  await writeFile(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    {
      cwd: folder,
    },
  );
  expect(install.code === 0, `npm install exited ${install.code}\n${tailOf(install, 30)}`);
  const langchain = await readJson(join(folder, 'node_modules', '@langchain', 'core', 'package.json'));
  return `${ms(install.ms)}, @langchain/core ${langchain.version}`;
}

/**
 * One copy of @langchain/core (so `instanceof BaseChatModel` means the user's class), and each of
 * `packages` installed once, from its local tarball, never from the registry.
 */
export async function checkTree(folder, packages) {
  const lock = await readJson(join(folder, 'package-lock.json'));
  const paths = Object.keys(lock.packages ?? {});
  const copiesOf = (name) => paths.filter((path) => path.endsWith(`node_modules/${name}`));
  const problems = [];
  const langchain = copiesOf('@langchain/core');
  if (langchain.length !== 1)
    problems.push(`@langchain/core is installed ${langchain.length} times: ${langchain}`);
  for (const name of packages) {
    const copies = copiesOf(name);
    const resolved = lock.packages[`node_modules/${name}`]?.resolved ?? 'nowhere';
    if (copies.length !== 1)
      problems.push(`${name} is installed ${copies.length} times: ${copies.join(', ')}`);
    if (!resolved.startsWith('file:')) problems.push(`${name} comes from ${resolved}, not from its tarball`);
  }
  expect(problems.length === 0, problems.join('\n'));
  return `${packages.length} packages from tarballs, one @langchain/core`;
}

/** Runs use-the-libraries.mjs with plain node in the project; each JSON line it prints is one check. */
export async function runLibraryScript(folder, label) {
  await copyFixtures(folder, ['use-the-libraries.mjs']);
  const result = await runCommand('node', ['use-the-libraries.mjs'], { cwd: folder });
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
  for (const line of lines) {
    const { name, ok, detail } = JSON.parse(line);
    report(ok, `${label} ${name}`, detail);
  }
  if (result.code !== 0 || lines.length === 0) {
    report(false, `${label} node use-the-libraries.mjs exits 0`, `exit ${result.code}\n${tailOf(result)}`);
  }
}
