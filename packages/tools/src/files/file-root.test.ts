import { execFileSync } from 'node:child_process';
import { link, open, readdir, readFile as readFromDisk, rename, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from '../test-support/temp-folder.js';
import { identifyOpened } from './descriptor-paths.js';
import { FileRoot } from './file-root.js';
import { defaultExcludedNames } from './name-patterns.js';
import { readFile } from './read-file.js';
import { searchFiles } from './search-files.js';
import { writeFile } from './write-file.js';

let temp: TempFolder;
let root: string;

beforeAll(async () => {
  temp = await createTempFolder();
  root = await temp.folder('root');
  await temp.file('outside/secret.txt', 'TOP SECRET');
  await temp.file('root/docs/guide.md', '# Guide\nHello.');
  await temp.file('root/.env', 'API_KEY=sk-live-123');
  await temp.file('root/config/.env.production', 'API_KEY=sk-live-456');
  await temp.link('root/escape', '../outside');
  await temp.link('root/escape-file', '../outside/secret.txt');
  await temp.link('root/absolute-link', join(temp.path, 'outside/secret.txt'));
  await temp.link('root/docs/deep-escape', '../../outside');
  await temp.link('root/inner-link', 'docs/guide.md');
  await temp.link('root/env-alias', '.env');
  await temp.link('root/loop', 'loop');
  await temp.link('root/dangling', 'nowhere');
  execFileSync('mkfifo', [join(root, 'pipe')]);
});

afterAll(() => temp.remove());

const read = (path: string) => readFile({ root }).invoke({ path });

describe('read_file refuses paths that leave the root', () => {
  it.each([
    ['../outside/secret.txt', '`..` is not allowed'],
    ['docs/../../outside/secret.txt', '`..` is not allowed'],
    ['/etc/passwd', 'absolute paths are not allowed'],
    ['C:/Windows/win.ini', 'absolute paths are not allowed'],
    ['%2e%2e/outside/secret.txt', 'percent-encoded'],
    ['%2E%2E%2Foutside%2Fsecret.txt', 'percent-encoded'],
    ['docs/guide.md\u0000.txt', 'NUL byte'],
    ['..\\outside\\secret.txt', 'backslash'],
    ['docs\\..\\..\\outside', 'backslash'],
    ['~/secret.txt', '`~` is not expanded'],
  ])('refuses %j by its spelling', async (path, reason) => {
    const answer = await read(path);
    expect(answer).toMatch(/^Error: Refused path/);
    expect(answer).toContain(reason);
  });

  it.each([['escape/secret.txt'], ['escape-file'], ['absolute-link'], ['docs/deep-escape/secret.txt']])(
    'refuses %j because a symlink on the way leads outside',
    async (path) => {
      const answer = await read(path);
      expect(answer).toBe(`Error: Refused path \`${path}\`: it leads outside the root through a symlink.`);
      expect(answer).not.toContain('TOP SECRET');
    },
  );

  it('follows a symlink that stays inside the root', async () => {
    expect(await read('inner-link')).toBe('# Guide\nHello.');
  });

  it('refuses secret files by name, also through a symlink whose own name looks harmless', async () => {
    for (const path of ['.env', 'config/.env.production', 'env-alias']) {
      const answer = await read(path);
      expect(answer).toContain('are excluded because they usually hold secrets');
      expect(answer).not.toContain('sk-live');
    }
  });

  it('reports loops, dangling symlinks and missing files as not found', async () => {
    for (const path of ['loop', 'dangling', 'docs/missing.md']) {
      expect(await read(path)).toContain('does not exist (or is a broken symlink); use list_files');
    }
  });

  it('refuses a hard link to a file outside the root, and one to a secret file', async () => {
    await link(join(temp.path, 'outside/secret.txt'), join(root, 'docs/hard-outside.txt'));
    await link(join(root, '.env'), join(root, 'docs/hard-env.txt'));
    for (const path of ['docs/hard-outside.txt', 'docs/hard-env.txt']) {
      expect(await read(path)).toBe(
        `Error: \`${path}\` has other hard links, so it may be a file outside the root or a secret file; read_file does not read it.`,
      );
    }
    const searched = await searchFiles({ root }).invoke({ query: 'SECRET', path: 'docs' });
    expect(searched).not.toContain('TOP SECRET');
    expect(await searchFiles({ root }).invoke({ query: 'sk-live', path: 'docs' })).toMatch(/^No matches/);
  });

  it('names only root-relative paths when the file system fails, never the root itself', async () => {
    const longName = 'n'.repeat(300);
    const answers = [
      await writeFile({ root, allowWrite: true }).invoke({ path: `${longName}/note.txt`, content: 'x' }),
      await read(`docs/${longName}`),
    ];
    for (const answer of answers) {
      expect(answer).toMatch(/^Error: /);
      expect(answer).not.toContain(temp.path);
    }
  });

  it('refuses a FIFO instead of hanging on it', async () => {
    expect(await read('pipe')).toBe('Error: `pipe` is not a regular file; use list_files to see a folder.');
  });
});

describe('write_file refuses targets that leave the root', () => {
  const write = (path: string, content = 'PWNED') =>
    writeFile({ root, allowWrite: true }).invoke({ path, content, ifExists: 'overwrite' });

  it.each([
    ['escape/new.txt'],
    ['escape-file'],
    ['absolute-link'],
    ['docs/deep-escape/new.txt'],
    ['../outside/new.txt'],
    ['/tmp/new.txt'],
    ['%2e%2e/new.txt'],
  ])('refuses %j and writes nothing outside', async (path) => {
    const answer = await write(path);
    expect(answer).toMatch(/^Error: /);
    expect(await readdir(join(temp.path, 'outside'))).toEqual(['secret.txt']);
    expect(await readFromDisk(join(temp.path, 'outside/secret.txt'), 'utf8')).toBe('TOP SECRET');
  });

  it('refuses to write through a symlink even when it points inside the root', async () => {
    expect(await write('inner-link')).toBe(
      'Error: `inner-link` is a symlink; write_file does not write through symlinks.',
    );
    expect(await readFromDisk(join(root, 'docs/guide.md'), 'utf8')).toBe('# Guide\nHello.');
  });

  it('refuses to change a file with another hard link, which may live outside the root', async () => {
    await link(join(temp.path, 'outside/secret.txt'), join(root, 'hard-link.txt'));
    expect(await write('hard-link.txt')).toBe(
      'Error: `hard-link.txt` has other hard links, so it may be a file outside the root too; write_file does not change it. Choose another name.',
    );
    expect(await readFromDisk(join(temp.path, 'outside/secret.txt'), 'utf8')).toBe('TOP SECRET');
  });

  it('refuses to write secret file names', async () => {
    expect(await write('.env')).toContain('are excluded because they usually hold secrets');
    expect(await readFromDisk(join(root, '.env'), 'utf8')).toBe('API_KEY=sk-live-123');
  });
});

describe('FileRoot checks the file it actually opened', () => {
  it('refuses a file whose folder is swapped for an outside symlink after the check', async () => {
    const swapRoot = await temp.folder('swap-root');
    await temp.file('swap-root/data/notes.txt', 'inside');
    await temp.file('swap-outside/notes.txt', 'OUTSIDE');
    const fileRoot = new FileRoot(swapRoot, defaultExcludedNames);
    expect((await fileRoot.resolveExisting('data/notes.txt')).relative).toBe('data/notes.txt');
    await rename(join(swapRoot, 'data'), join(swapRoot, 'data-old'));
    await symlink(join(temp.path, 'swap-outside'), join(swapRoot, 'data'));
    await expect(fileRoot.openForRead('data/notes.txt')).rejects.toThrow('leads outside the root');
  });

  it('tells the real path of what a descriptor opened, whatever path was checked', async () => {
    const inside = await open(join(root, 'docs/guide.md'), 'r');
    const outside = await open(join(temp.path, 'outside/secret.txt'), 'r');
    try {
      expect((await identifyOpened(inside, join(root, 'docs/guide.md')))?.real).toBe(
        join(root, 'docs/guide.md'),
      );
      expect((await identifyOpened(outside, join(root, 'docs/guide.md')))?.real).toBe(
        join(temp.path, 'outside/secret.txt'),
      );
    } finally {
      await inside.close();
      await outside.close();
    }
  });

  it('refuses a root that does not exist, naming it and what to do', () => {
    expect(() => new FileRoot('no-such-folder', [], temp.path)).toThrow(
      `File tool root \`no-such-folder\` (resolved to ${join(temp.path, 'no-such-folder')}) does not exist; create the folder or fix \`root\`.`,
    );
  });
});
