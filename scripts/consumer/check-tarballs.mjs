// (d) publint and Are The Types Wrong on each tarball. The packages are ESM only, so attw runs with the
// esm-only profile (CommonJS `require` and node10 resolution are ignored, everything else counts).
import { check, expect } from './report.mjs';
import { runCommand, tailOf } from './run-command.mjs';

/** `tarballs`: package name to tarball path. `root`: the workspace, whose devDependencies have both tools. */
export async function checkTarballs(root, tarballs) {
  for (const [name, tarball] of tarballs) {
    await check(`(d) publint --strict ${name}`, async () => {
      const linted = await runCommand('pnpm', ['exec', 'publint', 'run', tarball, '--strict'], {
        cwd: root,
        env: process.env,
      });
      // --strict turns warnings into a failing exit; suggestions would still print, so ask for "All good!".
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
      return 'no problems';
    });
  }
}
