import { readdir, readFile as readFromDisk } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from '../test-support/temp-folder.js';
import { FileRoot } from './file-root.js';
import { isInside } from './is-inside.js';
import { readFile } from './read-file.js';
import { writeFile } from './write-file.js';

let temp: TempFolder;
let root: string;

beforeAll(async () => {
  temp = await createTempFolder();
  root = await temp.folder('root');
  await temp.file('outside/secret.txt', 'TOP SECRET');
  await temp.file('root/docs/guide.md', 'guide');
  await temp.link('root/escape', '../outside');
  await temp.link('root/docs/up', '..');
  await temp.link('root/docs/out', join(temp.path, 'outside'));
  await temp.link('root/secret-link', '../outside/secret.txt');
});

afterAll(() => temp.remove());

/** Path pieces chosen to try every escape: traversal, encodings, separators, NULs, symlink names. */
const segment = fc.oneof(
  fc.constantFrom('..', '.', '', '...', '%2e%2e', '%2E%2e', '.%2e', '%252e%252e', '..%2f', '%5c..', '%00'),
  fc.constantFrom('escape', 'docs', 'up', 'out', 'secret-link', 'secret.txt', 'outside', 'guide.md', '~'),
  fc.constantFrom('..\\..', '\\', '\u0000', 'C:', '\u2025', '\uff0e\uff0e', '..\u0000', ' ..', '.. '),
  fc.string({ maxLength: 6 }),
);
const separator = fc.constantFrom('/', '//', '\\', '/./');
const generatedPath = fc
  .tuple(
    fc.constantFrom('', '/', './', '\\'),
    fc.array(fc.tuple(segment, separator), { maxLength: 6 }),
    segment,
  )
  .map(([prefix, pieces, last]) => prefix + pieces.map(([piece, sep]) => piece + sep).join('') + last);

describe('no generated path escapes the root', () => {
  it('resolves every path to somewhere inside the root, or refuses it', async () => {
    const fileRoot = new FileRoot(root, []);
    await fc.assert(
      fc.asyncProperty(generatedPath, async (path) => {
        const resolved = await fileRoot.resolveExisting(path).catch(() => undefined);
        if (resolved !== undefined) expect(isInside(root, resolved.absolute)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never shows the content of a file outside the root through read_file', async () => {
    const tool = readFile({ root, exclude: [] });
    await fc.assert(
      fc.asyncProperty(generatedPath, async (path) => {
        expect(await tool.invoke({ path })).not.toContain('TOP SECRET');
      }),
      { numRuns: 1_000 },
    );
  });

  it('never creates or changes a file outside the root through write_file', async () => {
    const tool = writeFile({ root, exclude: [], allowWrite: true });
    await fc.assert(
      fc.asyncProperty(generatedPath, async (path) => {
        await tool.invoke({ path, content: 'PWNED', ifExists: 'overwrite' });
      }),
      { numRuns: 500 },
    );
    expect(await readdir(join(temp.path, 'outside'))).toEqual(['secret.txt']);
    expect(await readFromDisk(join(temp.path, 'outside/secret.txt'), 'utf8')).toBe('TOP SECRET');
    expect(await readdir(temp.path)).toEqual(['outside', 'root']);
  });
});
