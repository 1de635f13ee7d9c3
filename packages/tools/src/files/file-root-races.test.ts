import { readdir, readFile as readFromDisk, writeFile as writeToDisk } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSwapLoop } from '../test-support/swap-loop.js';
import { createTempFolder, type TempFolder } from '../test-support/temp-folder.js';
import { listFiles } from './list-files.js';
import { readFile } from './read-file.js';
import { writeFile } from './write-file.js';

// Each test races tool calls against a worker thread that swaps a folder or file as fast as it can.
// How the two interleave differs from run to run; a correct tool refuses on every call regardless, so
// each test expects zero bypasses, never a particular number of refusals or successes.
const lanes = 4;

let temp: TempFolder;

beforeAll(async () => {
  temp = await createTempFolder();
});

afterAll(() => temp.remove());

/** Runs `call(0 .. calls-1)` in `lanes` concurrent sequences; answers in call order. */
async function callMany(calls: number, call: (index: number) => Promise<string>): Promise<string[]> {
  const answers: string[] = new Array(calls);
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let index = lane; index < calls; index += lanes) answers[index] = await call(index);
    }),
  );
  return answers;
}

/** Answers that name an absolute path under the temp folder: the model must only see root-relative paths. */
const revealing = (answers: string[]) => answers.filter((answer) => answer.includes(temp.path));

describe('file tools racing a file system that changes under them', () => {
  it('read_file never returns .git/config through a folder swapped for a symlink to .git', async () => {
    const root = await temp.folder('read-secret/root');
    await temp.file('read-secret/root/data/config', 'harmless settings');
    await temp.file('read-secret/root/.git/config', '[remote] url = https://user:SECRET@example.com');
    const tool = readFile({ root });
    const swaps = await startSwapLoop({
      kind: 'folder-for-symlink',
      path: join(root, 'data'),
      target: '.git',
    });
    const calls = 4000;
    const answers = await callMany(calls, () => tool.invoke({ path: 'data/config' }));
    const swapCount = await swaps.stop();
    const leaked = answers.filter((answer) => answer.includes('SECRET')).length;
    expect(leaked, `${leaked} of ${calls} calls returned .git/config (${swapCount} swaps)`).toBe(0);
    expect(revealing(answers)).toEqual([]);
    expect(await tool.invoke({ path: 'data/config' })).toBe('harmless settings');
  });

  it('write_file never changes an outside file hard-linked in place of its target', async () => {
    const root = await temp.folder('write-hard-link/root');
    await temp.file('write-hard-link/root/out.txt', 'inside');
    const victim = await temp.file('write-hard-link/outside/victim.txt', 'VICTIM');
    const tool = writeFile({ root, allowWrite: true });
    const swaps = await startSwapLoop({
      kind: 'file-for-hard-link',
      path: join(root, 'out.txt'),
      target: victim,
    });
    // Each call writes its own number, so a changed victim names the call that changed it.
    const changedBy = new Set<string>();
    const calls = 2000;
    const answers = await callMany(calls, async (index) => {
      const answer = await tool.invoke({ path: 'out.txt', content: `PWNED-${index}`, ifExists: 'overwrite' });
      const victimNow = await readFromDisk(victim, 'utf8');
      if (victimNow !== 'VICTIM') {
        changedBy.add(victimNow);
        await writeToDisk(victim, 'VICTIM');
      }
      return answer;
    });
    const swapCount = await swaps.stop();
    const changed = changedBy.size;
    expect(changed, `${changed} of ${calls} calls changed the outside file (${swapCount} swaps)`).toBe(0);
    expect(revealing(answers)).toEqual([]);
    expect(await tool.invoke({ path: 'out.txt', content: 'after', ifExists: 'overwrite' })).toBe(
      'Overwrote `out.txt` (5 bytes written).',
    );
  });

  it('write_file never creates a file outside the root through a folder swapped for a symlink', async () => {
    const root = await temp.folder('write-new-file/root');
    await temp.folder('write-new-file/root/out');
    const outside = await temp.folder('write-new-file/outside');
    const tool = writeFile({ root, allowWrite: true });
    const swaps = await startSwapLoop({
      kind: 'folder-for-symlink',
      path: join(root, 'out'),
      target: outside,
    });
    const calls = 2500;
    const answers = await callMany(calls, (index) =>
      tool.invoke({ path: `out/note-${index}.txt`, content: 'note' }),
    );
    const swapCount = await swaps.stop();
    const created = await readdir(outside);
    expect(
      created.length,
      `${created.length} of ${calls} calls left a file outside (${swapCount} swaps)`,
    ).toBe(0);
    expect(revealing(answers)).toEqual([]);
    expect(await tool.invoke({ path: 'out/after.txt', content: 'note' })).toBe(
      'Created `out/after.txt` (4 bytes written).',
    );
  });

  it('write_file never creates a folder outside the root through a folder swapped for a symlink', async () => {
    const root = await temp.folder('write-new-folder/root');
    await temp.folder('write-new-folder/root/out');
    const outside = await temp.folder('write-new-folder/outside');
    const tool = writeFile({ root, allowWrite: true });
    const swaps = await startSwapLoop({
      kind: 'folder-for-symlink',
      path: join(root, 'out'),
      target: outside,
    });
    const calls = 1500;
    const answers = await callMany(calls, (index) =>
      tool.invoke({ path: `out/folder-${index}/note.txt`, content: 'note' }),
    );
    const swapCount = await swaps.stop();
    const created = await readdir(outside);
    expect(
      created.length,
      `${created.length} of ${calls} calls left a folder outside (${swapCount} swaps)`,
    ).toBe(0);
    expect(revealing(answers)).toEqual([]);
  });

  it('list_files never lists an outside folder through a folder swapped for a symlink', async () => {
    const root = await temp.folder('list/root');
    await temp.file('list/root/data/inside.txt', 'inside');
    await temp.file('list/outside/outside-name.txt', 'outside');
    const tool = listFiles({ root });
    const swaps = await startSwapLoop({
      kind: 'folder-for-symlink',
      path: join(root, 'data'),
      target: join(temp.path, 'list/outside'),
    });
    const calls = 2000;
    const answers = await callMany(calls, (index) =>
      tool.invoke(index % 2 === 0 ? { path: 'data' } : { recursive: true }),
    );
    const swapCount = await swaps.stop();
    const leaked = answers.filter((answer) => answer.includes('outside-name')).length;
    expect(leaked, `${leaked} of ${calls} calls listed the outside folder (${swapCount} swaps)`).toBe(0);
    expect(revealing(answers)).toEqual([]);
    expect(await tool.invoke({ path: 'data' })).toBe('`data`: 1 entries\ndata/inside.txt (6 bytes)');
  });
});
