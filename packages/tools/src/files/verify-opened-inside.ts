import type { FileHandle } from 'node:fs/promises';
import { realpath, stat } from 'node:fs/promises';
import { isInside } from './is-inside.js';

/**
 * After a file is opened, checks that the file actually opened is inside the root. This closes the
 * gap between checking a path and opening it (a folder swapped for a symlink in between): on Linux the
 * kernel's own view of the descriptor (`/proc/self/fd/N`) is resolved; elsewhere the opened file's
 * device and inode must match the checked path's.
 */
export async function verifyOpenedInside(
  handle: FileHandle,
  rootPath: string,
  checkedPath: string,
): Promise<boolean> {
  try {
    const opened = await realpath(`/proc/self/fd/${handle.fd}`);
    return isInside(rootPath, opened);
  } catch {
    const [openedStats, checkedStats] = await Promise.all([handle.stat(), stat(checkedPath)]);
    return openedStats.dev === checkedStats.dev && openedStats.ino === checkedStats.ino;
  }
}
