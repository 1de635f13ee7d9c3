import { readFile as readFromDisk } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder, type TempFolder } from '../test-support/temp-folder.js';
import { listFiles } from './list-files.js';
import { readFile } from './read-file.js';
import { searchFiles } from './search-files.js';
import { writeFile } from './write-file.js';

let temp: TempFolder;
let root: string;

beforeAll(async () => {
  temp = await createTempFolder();
  root = await temp.folder('root');
  await temp.file('root/notes/today.md', 'Buy milk.\nCall Ada about the refund.\n');
  await temp.file('root/notes/old/2024.md', 'Refund policy changed in 2024.\n');
  await temp.file(
    'root/image.png',
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  );
  await temp.file('root/euro.txt', '€'.repeat(10));
  await temp.file('root/.env', 'REFUND_KEY=sk-secret');
  await temp.file('root/big.log', `${'refund line\n'.repeat(200)}`);
  await temp.link('root/outside-link', temp.path);
});

afterAll(() => temp.remove());

describe('read_file', () => {
  it('reads a text file', async () => {
    expect(await readFile({ root }).invoke({ path: 'notes/today.md' })).toBe(
      'Buy milk.\nCall Ada about the refund.\n',
    );
  });

  it('pages through a file larger than maxReadBytes without splitting a character', async () => {
    const tool = readFile({ root, maxReadBytes: 10 });
    const first = await tool.invoke({ path: 'euro.txt' });
    expect(first).toBe(
      '€€€\n\n[read_file: showed bytes 0-9 of 30 in `euro.txt`; call read_file with offset 9 to read on]',
    );
    expect(await tool.invoke({ path: 'euro.txt', offset: 27 })).toBe('€');
    expect(await tool.invoke({ path: 'euro.txt', offset: 25 })).toBe('€');
    expect(await tool.invoke({ path: 'euro.txt', offset: 31 })).toBe(
      'Error: offset 31 is past the end of `euro.txt` (30 bytes); use an offset below 30.',
    );
  });

  it('describes a binary file instead of showing it', async () => {
    expect(await readFile({ root }).invoke({ path: 'image.png' })).toBe(
      '`image.png` is a binary file (12 bytes); read_file only shows UTF-8 text.',
    );
  });

  it('answers arguments that do not match its schema with a readable error, never a throw', async () => {
    const answer = await readFile({ root }).invoke({ path: 42 } as never);
    expect(answer).toMatch(/^Error: the arguments for read_file do not match its parameters\. .*path/s);
    const asToolCall = await readFile({ root }).invoke({
      type: 'tool_call',
      id: 'call-1',
      name: 'read_file',
      args: {},
    });
    expect(asToolCall).toMatchObject({ status: 'error', tool_call_id: 'call-1', name: 'read_file' });
  });

  it('marks a refusal answered to a tool call as a failed call, and a good answer as a success', async () => {
    const call = (path: string) => ({
      type: 'tool_call' as const,
      id: 'call-2',
      name: 'read_file',
      args: { path },
    });
    const refused = await readFile({ root }).invoke(call('../x.txt'));
    expect(refused).toMatchObject({
      status: 'error',
      content: expect.stringMatching(/^Error: Refused path/),
    });
    const read = await readFile({ root }).invoke(call('notes/today.md'));
    expect(read).toMatchObject({ status: 'success', content: 'Buy milk.\nCall Ada about the refund.\n' });
  });
});

describe('write_file', () => {
  it('is refused at creation without allowWrite: true', () => {
    expect(() => writeFile({ root } as never)).toThrow(
      'write_file writes files, so it must be enabled explicitly: pass `allowWrite: true` in its options.',
    );
  });

  it('creates files and folders, and keeps existing files unless told otherwise', async () => {
    const tool = writeFile({ root, allowWrite: true });
    expect(await tool.invoke({ path: 'out/new/summary.md', content: '# One' })).toBe(
      'Created `out/new/summary.md` (5 bytes written).',
    );
    expect(await tool.invoke({ path: 'out/new/summary.md', content: '# Two' })).toBe(
      'Error: `out/new/summary.md` already exists; call write_file again with ifExists "overwrite" or "append", or choose another name.',
    );
    expect(await tool.invoke({ path: 'out/new/summary.md', content: '\nmore', ifExists: 'append' })).toBe(
      'Appended to `out/new/summary.md` (5 bytes written).',
    );
    expect(await readFromDisk(join(root, 'out/new/summary.md'), 'utf8')).toBe('# One\nmore');
    expect(await tool.invoke({ path: 'out/new/summary.md', content: 'x', ifExists: 'overwrite' })).toBe(
      'Overwrote `out/new/summary.md` (1 byte written).',
    );
    expect(await readFromDisk(join(root, 'out/new/summary.md'), 'utf8')).toBe('x');
  });

  it('refuses content over maxWriteBytes, and a file where a folder is needed', async () => {
    const tool = writeFile({ root, allowWrite: true, maxWriteBytes: 4 });
    expect(await tool.invoke({ path: 'too-big.txt', content: '€€' })).toBe(
      'Error: the content is 6 bytes; write_file accepts at most 4. Split it over several files, or write it in parts with ifExists "append".',
    );
    expect(await tool.invoke({ path: 'euro.txt/inside.txt', content: 'x' })).toBe(
      'Error: `euro.txt/inside.txt`: `euro.txt` is a file, not a folder.',
    );
  });
});

describe('list_files', () => {
  it('lists a folder with sizes, hides secret files and shows symlinks without following them', async () => {
    const answer = await listFiles({ root }).invoke({});
    expect(answer.split('\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^the root folder: \d+ entries$/),
      'big.log (2400 bytes)',
      'euro.txt (30 bytes)',
      'image.png (12 bytes)',
    ]);
    expect(answer).toContain('\nnotes/\n');
    expect(answer).toContain('\noutside-link (symlink)');
    expect(answer).not.toContain('.env');
  });

  it('lists recursively with root-relative paths, up to maxEntries', async () => {
    const answer = await listFiles({ root, maxEntries: 3 }).invoke({ path: 'notes', recursive: true });
    expect(answer).toBe(
      '`notes`: 3 entries\nnotes/old/\nnotes/old/2024.md (31 bytes)\nnotes/today.md (37 bytes)',
    );
    const capped = await listFiles({ root, maxEntries: 2 }).invoke({ path: 'notes', recursive: true });
    expect(capped.split('\n')[0]).toBe('`notes`: 2 entries (stopped at 2; list a subfolder to see the rest)');
  });

  it('refuses a symlink that leads outside, and a file given as a folder', async () => {
    expect(await listFiles({ root }).invoke({ path: 'outside-link' })).toBe(
      'Error: Refused path `outside-link`: it leads outside the root through a symlink.',
    );
    expect(await listFiles({ root }).invoke({ path: 'euro.txt' })).toBe(
      'Error: `euro.txt` is a file, not a folder; use read_file to read it.',
    );
  });
});

// Every search runs under a wall-clock watchdog; ordinary searches get the largest limit so a loaded
// machine cannot stop them, and only the runaway test sets a short one, which it reaches at any speed.
const roomyRegexLimit = 60_000;

describe('search_files', () => {
  it('finds lines case-insensitively, skipping binary and secret files', async () => {
    const answer = await searchFiles({ root, regexTimeoutMs: roomyRegexLimit }).invoke({
      query: 'REFUND',
      path: 'notes',
    });
    expect(answer).toBe(
      '2 matches for "REFUND" in 2 files.\nnotes/old/2024.md:1: Refund policy changed in 2024.\nnotes/today.md:2: Call Ada about the refund.',
    );
    expect(
      await searchFiles({ root, regexTimeoutMs: roomyRegexLimit }).invoke({ query: 'sk-secret' }),
    ).toMatch(/^No matches for "sk-secret" in \d+ files\.$/);
  });

  it('treats the query as plain text unless regex is true', async () => {
    expect(
      await searchFiles({ root, regexTimeoutMs: roomyRegexLimit }).invoke({ query: 'milk.', path: 'notes' }),
    ).toContain('notes/today.md:1: Buy milk.');
    expect(
      await searchFiles({ root, regexTimeoutMs: roomyRegexLimit }).invoke({ query: 'b.y', path: 'notes' }),
    ).toMatch(/^No matches/);
    expect(
      await searchFiles({ root, regexTimeoutMs: roomyRegexLimit }).invoke({
        query: '^b.y',
        regex: true,
        path: 'notes',
      }),
    ).toContain('notes/today.md:1');
  });

  it('stops at maxResults and says so', async () => {
    const answer = await searchFiles({ root, maxResults: 3, regexTimeoutMs: roomyRegexLimit }).invoke({
      query: 'refund line',
    });
    expect(answer.split('\n')[0]).toBe(
      '3 matches for "refund line" in 1 file (stopped after 3 matches in 1 file; narrow the query or the path).',
    );
  });

  it('stops after reading maxTotalBytes', async () => {
    expect(
      await searchFiles({ root, maxTotalBytes: 10, regexTimeoutMs: roomyRegexLimit }).invoke({
        query: 'no such text',
      }),
    ).toBe(
      'No matches for "no such text" in 1 file (stopped after 0 matches in 1 file; narrow the query or the path).',
    );
  });

  it('stops a catastrophic regular expression instead of hanging', async () => {
    await temp.file('root/redos.txt', `${'a'.repeat(40)}!`);
    const answer = await searchFiles({ root, regexTimeoutMs: 100 }).invoke({
      query: '(a+)+$',
      regex: true,
      path: 'redos.txt',
    });
    expect(answer).toBe(
      'Error: the regular expression took more than 100 ms and was stopped; it probably backtracks (nested quantifiers such as `(a+)+`); simplify it or search for a literal string',
    );
  });
});
