import { constants, realpathSync, type Stats, statSync } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, realpath, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TokenflowError } from '@tokenflow/core';
import { checkRelativePath } from './check-relative-path.js';
import { entryPath, identifyOpened, type OpenedIdentity, type OpenFolder } from './descriptor-paths.js';
import {
  changedWhileOpening,
  excluded,
  notAFile,
  notAFolder,
  notFound,
  outside,
  printable,
  systemFailure,
} from './file-refusals.js';
import { FileToolError } from './file-tool-error.js';
import { isInside } from './is-inside.js';
import { compileNamePatterns } from './name-patterns.js';

/** A path inside the root, resolved on the real file system. */
export interface ResolvedPath {
  /** Real absolute path (symlinks resolved). */
  absolute: string;
  /** Path relative to the root with `/` separators; `.` for the root itself. */
  relative: string;
  stats: Stats;
}

/** What to do when `write_file` targets a file that exists. */
export type IfExists = 'fail' | 'overwrite' | 'append';

// O_NONBLOCK keeps a FIFO planted in the root from hanging the open; O_NOFOLLOW refuses a final
// symlink that appeared after the path was checked. Nothing is truncated at open: a file is only
// changed once the opened descriptor has passed every check.
const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const writeFlags = constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const folderFlags = constants.O_RDONLY | constants.O_DIRECTORY;

/**
 * The folder the file tools are confined to. Every path goes through {@link checkRelativePath}, then
 * is resolved with realpath and must land inside the root; excluded names (secrets) are refused. Files
 * are opened without following a final symlink, and what was actually opened is checked again through
 * its descriptor: its real path must be inside the root and free of excluded names, and it must be a
 * regular file with no other hard link. `write_file` creates folders and files only through
 * descriptors of folders already checked, so a folder swapped for a symlink cannot redirect it.
 */
export class FileRoot {
  /** The root, resolved with realpath. */
  readonly path: string;
  readonly #excludedBy: (name: string) => string | undefined;

  /**
   * @param root an existing folder; relative paths resolve against `baseDir`.
   * @param exclude name patterns refused anywhere below the root.
   */
  constructor(root: string, exclude: readonly string[], baseDir: string = process.cwd()) {
    const absolute = isAbsolute(root) ? root : resolve(baseDir, root);
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch (cause) {
      throw new TokenflowError(
        'tool_options_invalid',
        `File tool root \`${root}\` (resolved to ${absolute}) does not exist; create the folder or fix \`root\`.`,
        { cause },
      );
    }
    if (!statSync(real).isDirectory()) {
      throw new TokenflowError(
        'tool_options_invalid',
        `File tool root \`${root}\` (resolved to ${real}) is not a folder; point \`root\` at a folder.`,
      );
    }
    this.path = real;
    this.#excludedBy = compileNamePatterns(exclude);
  }

  /** The pattern that excludes a root-relative path, if any. */
  excludedBy(relativePath: string): string | undefined {
    for (const name of relativePath.split('/')) {
      const pattern = this.#excludedBy(name);
      if (pattern !== undefined) return pattern;
    }
    return undefined;
  }

  /** Root-relative `/`-separated form of a real path inside the root. */
  toRelative(absolute: string): string {
    const path = relative(this.path, absolute);
    return path === '' ? '.' : path.split(sep).join('/');
  }

  /** Resolves a path that must exist, refusing anything that leads outside the root. */
  async resolveExisting(path: string): Promise<ResolvedPath> {
    const segments = this.#segments(path);
    let real: string;
    try {
      real = await realpath(join(this.path, ...segments));
    } catch (cause) {
      throw notFound(path, cause);
    }
    if (!isInside(this.path, real)) throw outside(path);
    const relativePath = this.toRelative(real);
    this.#refuseExcluded(path, segments.join('/'));
    this.#refuseExcluded(path, relativePath);
    const stats = await lstat(real).catch((cause: unknown) => {
      throw notFound(path, cause);
    });
    return { absolute: real, relative: relativePath, stats };
  }

  /**
   * Opens an existing folder for listing, checked through its descriptor like a file opened for
   * reading; list its entries through {@link folderPath} and {@link entryPath}. The caller closes it.
   */
  async openFolder(path: string): Promise<OpenFolder> {
    const checked = await this.resolveExisting(path);
    if (!checked.stats.isDirectory()) throw notAFolder(path, checked.relative);
    const handle = await open(checked.absolute, folderFlags | constants.O_NOFOLLOW).catch(
      (cause: NodeJS.ErrnoException) => {
        if (cause.code === 'ENOENT') throw notFound(path, cause);
        // A folder turned into a symlink or a file since it was resolved.
        if (cause.code === 'ENOTDIR') throw changedWhileOpening(path);
        throw systemFailure(path, 'open the folder', cause);
      },
    );
    try {
      return { handle, real: (await this.#checkOpened(path, handle, checked.absolute)).real };
    } catch (refusal) {
      await handle.close();
      throw refusal;
    }
  }

  /**
   * Opens an existing regular file for reading. `resolved` describes the file actually opened (its
   * stats come from the descriptor). The caller closes the handle.
   */
  async openForRead(path: string): Promise<{ handle: FileHandle; resolved: ResolvedPath }> {
    const checked = await this.resolveExisting(path);
    if (!checked.stats.isFile()) throw notAFile(path);
    const handle = await this.#open(path, checked.absolute, readFlags);
    try {
      const { real, stats } = await this.#checkOpened(path, handle, checked.absolute);
      if (!stats.isFile()) throw notAFile(path);
      if (stats.nlink > 1) {
        // The same file under another name may lie outside the root, or be a secret such as .env.
        throw new FileToolError(
          'path_refused',
          `\`${path}\` has other hard links, so it may be a file outside the root or a secret file; read_file does not read it.`,
        );
      }
      return { handle, resolved: { absolute: real, relative: this.toRelative(real), stats } };
    } catch (refusal) {
      await handle.close();
      throw refusal;
    }
  }

  /**
   * Opens a file for writing, creating missing folders inside the root. Refuses symlinks on the way
   * that lead outside, a final symlink, files with other hard links, and existing files unless
   * `ifExists` allows it. Nothing is truncated: the caller does that once it holds the handle.
   */
  async openForWrite(
    path: string,
    ifExists: IfExists,
  ): Promise<{ handle: FileHandle; relative: string; existed: boolean }> {
    const segments = this.#segments(path);
    const last = segments.pop();
    if (last === undefined) {
      throw new FileToolError('path_refused', 'write_file needs a file path, not the root folder.');
    }
    this.#refuseExcluded(path, [...segments, last].join('/'));
    const folder = await this.#openFolders(path, segments);
    try {
      return await this.#openInFolder(path, folder, last, ifExists);
    } finally {
      await folder.handle.close();
    }
  }

  async #openInFolder(
    path: string,
    folder: OpenFolder,
    name: string,
    ifExists: IfExists,
  ): Promise<{ handle: FileHandle; relative: string; existed: boolean }> {
    const target = entryPath(folder, name);
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isSymbolicLink()) {
      throw new FileToolError(
        'path_refused',
        `\`${path}\` is a symlink; write_file does not write through symlinks.`,
      );
    }
    if (existing !== undefined && !existing.isFile()) {
      throw new FileToolError(
        'not_a_file',
        `\`${path}\` exists and is not a regular file; choose another name.`,
      );
    }
    if (existing !== undefined && ifExists === 'fail') {
      throw new FileToolError(
        'file_exists',
        `\`${path}\` already exists; call write_file again with ifExists "overwrite" or "append", or choose another name.`,
      );
    }
    const created = existing === undefined;
    const flags =
      writeFlags |
      (created ? constants.O_CREAT | constants.O_EXCL : 0) |
      (ifExists === 'append' ? constants.O_APPEND : 0);
    const handle = await this.#open(path, target, flags);
    try {
      const { real, stats } = await this.#checkOpened(path, handle, join(folder.real, name));
      if (!stats.isFile()) throw notAFile(path);
      if (stats.nlink > 1) {
        // A hard link may be the same file as one outside the root (or in a package store); leave it alone.
        throw new FileToolError(
          'path_refused',
          `\`${path}\` has other hard links, so it may be a file outside the root too; write_file does not change it. Choose another name.`,
        );
      }
      return { handle, relative: this.toRelative(real), existed: !created };
    } catch (refusal) {
      await handle.close();
      // Leave nothing behind: the name is removed from the folder it was created in, which the
      // descriptor still holds even if that folder was moved meanwhile.
      if (created) await unlink(target).catch(() => undefined);
      throw refusal;
    }
  }

  #segments(path: string): string[] {
    const check = checkRelativePath(path);
    if (!check.ok)
      throw new FileToolError('path_refused', `Refused path \`${printable(path)}\`: ${check.reason}.`);
    return check.segments;
  }

  #refuseExcluded(path: string, relativePath: string): void {
    const pattern = this.excludedBy(relativePath);
    if (pattern !== undefined) throw excluded(path, pattern);
  }

  /** Opens the root, then each folder of `segments` through the one before it, creating missing ones. */
  async #openFolders(path: string, segments: readonly string[]): Promise<OpenFolder> {
    const rootHandle = await open(this.path, folderFlags).catch((cause: unknown) => {
      throw systemFailure(path, 'open the root folder to write', cause);
    });
    let folder: OpenFolder = { handle: rootHandle, real: this.path };
    try {
      folder.real = (await this.#checkOpened(path, rootHandle, this.path)).real;
      for (const segment of segments) {
        const next = await this.#enterFolder(path, folder, segment);
        await folder.handle.close();
        folder = next;
      }
      return folder;
    } catch (thrown) {
      await folder.handle.close();
      throw thrown;
    }
  }

  /**
   * Opens `segment` inside an open folder, creating it when missing. A symlink is followed only when
   * it leads to a folder inside the root; either way the opened folder is checked through its descriptor.
   */
  async #enterFolder(path: string, folder: OpenFolder, segment: string, attempt = 1): Promise<OpenFolder> {
    const entry = entryPath(folder, segment);
    const shown = joinRelative(this.toRelative(folder.real), segment);
    let handle: FileHandle;
    let checkedPath = join(folder.real, segment);
    try {
      handle = await open(entry, folderFlags | constants.O_NOFOLLOW);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && attempt <= 3) {
        // Created through the parent's descriptor, so it lands in that folder whatever its path is now.
        await mkdir(entry).catch((failure: NodeJS.ErrnoException) => {
          if (failure.code !== 'EEXIST')
            throw systemFailure(path, `create the folder \`${shown}\` for`, failure);
        });
        return this.#enterFolder(path, folder, segment, attempt + 1);
      }
      // A symlink opened with O_NOFOLLOW and O_DIRECTORY fails with ENOTDIR, like a file does.
      if (code !== 'ENOTDIR') throw systemFailure(path, `open the folder \`${shown}\` for`, cause);
      const followed = await this.#followFolderLink(path, entry, shown);
      handle = followed.handle;
      checkedPath = followed.real;
    }
    try {
      return { handle, real: (await this.#checkOpened(path, handle, checkedPath)).real };
    } catch (refusal) {
      await handle.close();
      throw refusal;
    }
  }

  async #followFolderLink(
    path: string,
    entry: string,
    shown: string,
  ): Promise<{ handle: FileHandle; real: string }> {
    const stats = await lstat(entry).catch(() => undefined);
    if (stats === undefined) throw changedWhileOpening(path);
    if (!stats.isSymbolicLink()) throw notAFolder(path, shown);
    const real = await realpath(entry).catch((cause: unknown) => {
      throw notFound(path, cause);
    });
    if (!isInside(this.path, real)) throw outside(path);
    this.#refuseExcluded(path, this.toRelative(real));
    const handle = await open(real, folderFlags).catch((cause: NodeJS.ErrnoException) => {
      throw cause.code === 'ENOTDIR'
        ? notAFolder(path, shown)
        : systemFailure(path, 'open a folder of', cause);
    });
    return { handle, real };
  }

  async #open(path: string, absolute: string, flags: number): Promise<FileHandle> {
    try {
      return await open(absolute, flags, 0o644);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') {
        throw new FileToolError(
          'path_refused',
          `\`${path}\` turned into a symlink while it was being opened; refused.`,
        );
      }
      if (code === 'EEXIST') {
        throw new FileToolError(
          'file_exists',
          `\`${path}\` was created by someone else just now; try again.`,
        );
      }
      if (code === 'ENOENT') throw notFound(path, cause);
      throw systemFailure(path, 'open', cause);
    }
  }

  /**
   * Checks what a descriptor actually refers to: inside the root, with no excluded name on its real
   * path. Returns that path and the descriptor's stats. The caller closes the handle when this throws.
   */
  async #checkOpened(path: string, handle: FileHandle, checkedPath: string): Promise<OpenedIdentity> {
    const opened = await identifyOpened(handle, checkedPath);
    if (opened === undefined) throw changedWhileOpening(path);
    if (!isInside(this.path, opened.real)) throw outside(path);
    this.#refuseExcluded(path, this.toRelative(opened.real));
    return opened;
  }
}

function joinRelative(folder: string, name: string): string {
  return folder === '.' ? name : `${folder}/${name}`;
}
