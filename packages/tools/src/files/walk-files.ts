import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRoot } from './file-root.js';

/** One entry met while walking a folder inside the root. */
export interface WalkEntry {
  /** Root-relative path with `/` separators. */
  relative: string;
  absolute: string;
  kind: 'file' | 'folder' | 'symlink' | 'other';
}

/**
 * Walks a folder inside the root in name order, depth first, without following symlinks (they are
 * reported as `symlink` entries, never entered) and without entering excluded names. Stops when the
 * consumer stops iterating.
 */
export async function* walkFiles(
  fileRoot: FileRoot,
  folder: string,
  recursive: boolean,
): AsyncGenerator<WalkEntry> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(folder, entry.name);
    const relative = fileRoot.toRelative(absolute);
    if (fileRoot.excludedBy(relative) !== undefined) continue;
    const kind = entry.isFile()
      ? 'file'
      : entry.isDirectory()
        ? 'folder'
        : entry.isSymbolicLink()
          ? 'symlink'
          : 'other';
    yield { relative, absolute, kind };
    if (kind === 'folder' && recursive) yield* walkFiles(fileRoot, absolute, true);
  }
}
