import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { BatchError } from './batch-error.js';

/** A held lock; `release` removes it if it is still this holder's. */
export interface BatchLock {
  release(): Promise<void>;
}

/**
 * An exclusive lock file beside the journal holding the owner's pid, so two runs never write the same
 * output at once. A lock left by a process that no longer exists (kill -9, power loss) is taken over.
 *
 * Every step is atomic, so of any number of runs starting together exactly one gets the lock:
 * - a lock file is written whole under a temporary name, then `link`ed to the lock path, which fails if
 *   the path exists (a half-written lock is never seen, and so never mistaken for a stale one);
 * - to take over a stale lock, a run must first create a claim named after that lock's contents (its pid
 *   and a random token) the same way; only one run can create it. The claimant checks that the lock
 *   still holds those contents, then `rename`s its own lock over it. Runs that read the stale lock too
 *   late find either the claim taken or the lock changed, and look again. A claim whose claimant died
 *   is itself stale and is taken over by the same rule.
 */
export async function acquireBatchLock(path: string): Promise<BatchLock> {
  const contents = `${process.pid}\n${randomBytes(12).toString('hex')}\n`;
  const outcome = await acquire(path, contents);
  if (outcome.kind === 'held') {
    return {
      release: async () => {
        if ((await readFile(path, 'utf8').catch(() => undefined)) === contents) {
          await unlink(path).catch(() => undefined);
        }
      },
    };
  }
  throw new BatchError(
    'batch-locked',
    outcome.pid === undefined
      ? `Cannot take the lock ${path}; remove it if no run is using this output`
      : `Another run (pid ${outcome.pid}) is writing to this output (lock ${path}); wait for it to end or stop it first`,
    { path },
  );
}

type Outcome = { kind: 'held' } | { kind: 'busy'; pid: number | undefined };

/** Rounds of "the lock changed while we looked" before giving up; each needs another run to move. */
const maxRounds = 20;

async function acquire(path: string, contents: string): Promise<Outcome> {
  for (let round = 0; round < maxRounds; round++) {
    if (await createWhole(path, contents)) return { kind: 'held' };
    const found = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw writeFailed(path, error);
    });
    if (found === undefined) continue; // released meanwhile: try to create it again
    const pid = Number.parseInt(found, 10);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return { kind: 'busy', pid };
    // Stale (its owner is gone) or unreadable: claim this exact lock, then replace it.
    const claim = `${path}.takeover-${createHash('sha256').update(found).digest('hex').slice(0, 16)}`;
    const claimed = await acquire(claim, contents);
    if (claimed.kind === 'busy') return { kind: 'busy', pid: claimed.pid };
    try {
      if ((await readFile(path, 'utf8').catch(() => undefined)) !== found) continue;
      await replaceWhole(path, contents);
      return { kind: 'held' };
    } finally {
      await unlink(claim).catch(() => undefined);
    }
  }
  return { kind: 'busy', pid: undefined };
}

/** Creates `path` holding `contents`, all at once; false when `path` already exists. */
async function createWhole(path: string, contents: string): Promise<boolean> {
  const temporary = await writeTemporary(path, contents);
  try {
    await link(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeFailed(path, error);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Replaces `path` with a file holding `contents`, all at once. */
async function replaceWhole(path: string, contents: string): Promise<void> {
  const temporary = await writeTemporary(path, contents);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw writeFailed(path, error);
  }
}

async function writeTemporary(path: string, contents: string): Promise<string> {
  const temporary = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, contents, { flag: 'wx' });
  } catch (error) {
    throw writeFailed(path, error);
  }
  return temporary;
}

function writeFailed(path: string, error: unknown): BatchError {
  return new BatchError(
    'batch-write-failed',
    `Cannot create the lock file ${path}: ${String(error)}; check that its folder exists and is writable`,
    { cause: error, path },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
