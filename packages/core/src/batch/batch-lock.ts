import { open, readFile, unlink } from 'node:fs/promises';
import { BatchError } from './batch-error.js';

/**
 * An exclusive lock file beside the journal holding the owner's pid, so two runs never write the same
 * output at once. A lock left by a process that no longer exists (kill -9, power loss) is taken over.
 */
export async function acquireBatchLock(path: string): Promise<{ release(): Promise<void> }> {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        release: async () => {
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BatchError('batch-write-failed', `Cannot create the lock file ${path}: ${String(error)}`, {
          cause: error,
          path,
        });
      }
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new BatchError(
        'batch-locked',
        `Another run (pid ${owner}) is writing to this output (lock ${path}); wait for it to end or stop it first`,
        { path },
      );
    }
    // Stale (its owner is gone) or unreadable: remove it and try again.
    await unlink(path).catch(() => undefined);
  }
  throw new BatchError(
    'batch-locked',
    `Cannot take the lock ${path}; remove it if no run is using this output`,
    {
      path,
    },
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
