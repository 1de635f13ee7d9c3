import type { Stats } from 'node:fs';
import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';

// Linux shows every open descriptor as /proc/self/fd/N, a link the kernel resolves from the descriptor
// itself, not from the path it was opened by.
const procfs = existsSync('/proc/self/fd');

/** A folder held open by a descriptor, with the real path it had when it was checked. */
export interface OpenFolder {
  handle: FileHandle;
  /** Real absolute path of the folder, read from the descriptor. */
  real: string;
}

/** A path naming an open folder itself, through its descriptor where the system allows (see {@link entryPath}). */
export function folderPath(folder: OpenFolder): string {
  return procfs ? `/proc/self/fd/${folder.handle.fd}` : folder.real;
}

/**
 * The path of `name` inside an open folder. On Linux it goes through the folder's descriptor
 * (`/proc/self/fd/N/name`), so it names an entry of that very folder even if the folder's path was
 * swapped for a symlink since it was opened: the same guarantee as openat(2), which Node does not offer.
 * Elsewhere it falls back to the folder's checked real path.
 */
export function entryPath(folder: OpenFolder, name: string): string {
  return procfs ? `/proc/self/fd/${folder.handle.fd}/${name}` : join(folder.real, name);
}

/** What a descriptor refers to: its stats and the one real path that leads to it. */
export interface OpenedIdentity {
  /** Real absolute path that names the opened file or folder. */
  real: string;
  /** The descriptor's own stats, taken before its path was looked up. */
  stats: Stats;
}

/**
 * Tells what a descriptor actually refers to, whatever path it was opened by; `undefined` when no path
 * leads to it now (it was moved or removed meanwhile). On Linux the kernel's own view of the descriptor
 * is resolved; elsewhere `checkedPath` is. Either way the file found at that real path must be the opened
 * one (same device and inode), so a removed file cannot pass for another file of the same name.
 *
 * The stats are taken first: a file whose hard-link count is 1 then, and which is still found inside
 * the root afterwards, was never also a file outside the root in between.
 */
export async function identifyOpened(
  handle: FileHandle,
  checkedPath: string,
): Promise<OpenedIdentity | undefined> {
  try {
    const stats = await handle.stat();
    const real = await realpath(procfs ? `/proc/self/fd/${handle.fd}` : checkedPath);
    const named = await lstat(real);
    return named.dev === stats.dev && named.ino === stats.ino ? { real, stats } : undefined;
  } catch {
    return undefined;
  }
}
