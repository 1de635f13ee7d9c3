// Packs every publishable workspace package with `pnpm pack`, the way they would be published:
// `workspace:*` becomes a version and `publishConfig.exports` replaces the workspace's exports.
import { runCommand, tailOf } from './run-command.mjs';

/** Workspace packages that are not `private`, as `{ name, path }`. */
export async function publishablePackages(root) {
  const listed = await runCommand('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], {
    cwd: root,
    env: process.env,
  });
  if (listed.code !== 0) throw new Error(`pnpm ls failed:\n${tailOf(listed)}`);
  return JSON.parse(listed.stdout)
    .filter((entry) => entry.private !== true)
    .map((entry) => ({ name: entry.name, path: entry.path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs one package into `destination`; resolves with the tarball's path. */
export async function packPackage(workspacePackage, destination) {
  const packed = await runCommand('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: workspacePackage.path,
    env: process.env,
  });
  if (packed.code !== 0) throw new Error(`pnpm pack of ${workspacePackage.name} failed:\n${tailOf(packed)}`);
  return JSON.parse(packed.stdout).filename;
}

/** The package.json inside a tarball, read with `tar` (no unpacking to disk). */
export async function packedManifest(tarball) {
  const read = await runCommand('tar', ['-xzOf', tarball, 'package/package.json'], { env: process.env });
  if (read.code !== 0) throw new Error(`could not read package.json from ${tarball}:\n${tailOf(read)}`);
  return JSON.parse(read.stdout);
}

/**
 * What a published manifest must not carry: workspace ranges (npm cannot resolve them) and the
 * workspace-only `@tokenflow/source` condition (it points at TypeScript files that are not shipped).
 */
export function manifestProblems(manifest) {
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is "${range}"`);
    }
  }
  if (JSON.stringify(manifest.exports ?? {}).includes('@tokenflow/source')) {
    problems.push('exports still has the "@tokenflow/source" condition');
  }
  return problems;
}
