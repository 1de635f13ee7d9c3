import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { entryPath, folderPath } from './descriptor-paths.js';
import type { FileRoot } from './file-root.js';

/** One entry met while walking a folder inside the root. */
export interface WalkEntry {
  /** Root-relative path with `/` separators. */
  relative: string;
  kind: 'file' | 'folder' | 'symlink' | 'other';
  /** Size in bytes, for files. */
  size?: number;
}

/**
 * Walks a folder inside the root in name order, depth first, without following symlinks (they are
 * reported as `symlink` entries, never entered) and without entering excluded names. Each folder is
 * opened and checked through its descriptor, and its entries are read through that descriptor, so a
 * folder swapped for a symlink meanwhile is never listed. A refusal of the first folder is thrown; a
 * subfolder that cannot be opened any more is skipped. Stops when the consumer stops iterating.
 */
export async function* walkFiles(
  fileRoot: FileRoot,
  relativeFolder: string,
  recursive: boolean,
  nested = false,
): AsyncGenerator<WalkEntry> {
  let entries: WalkEntry[];
  try {
    entries = await listFolder(fileRoot, relativeFolder);
  } catch (refusal) {
    if (nested) return;
    throw refusal;
  }
  for (const entry of entries) {
    yield entry;
    if (entry.kind === 'folder' && recursive) yield* walkFiles(fileRoot, entry.relative, true, true);
  }
}

/** The entries of one folder, read through its descriptor and closed before any is handed out. */
async function listFolder(fileRoot: FileRoot, relativeFolder: string): Promise<WalkEntry[]> {
  const folder = await fileRoot.openFolder(relativeFolder);
  try {
    let entries: Dirent[];
    try {
      entries = await readdir(folderPath(folder), { withFileTypes: true });
    } catch {
      return [];
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    const listed: WalkEntry[] = [];
    for (const entry of entries) {
      const relative = relativeFolder === '.' ? entry.name : `${relativeFolder}/${entry.name}`;
      if (fileRoot.excludedBy(relative) !== undefined) continue;
      if (entry.isFile()) {
        const stats = await lstat(entryPath(folder, entry.name)).catch(() => undefined);
        listed.push({ relative, kind: 'file', size: stats?.size });
      } else {
        const kind = entry.isDirectory() ? 'folder' : entry.isSymbolicLink() ? 'symlink' : 'other';
        listed.push({ relative, kind });
      }
    }
    return listed;
  } finally {
    await folder.handle.close();
  }
}
