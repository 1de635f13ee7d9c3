import { constants, realpathSync, type Stats, statSync } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TokenflowError } from '@tokenflow/core';
import { checkRelativePath } from './check-relative-path.js';
import { FileToolError } from './file-tool-error.js';
import { isInside } from './is-inside.js';
import { compileNamePatterns } from './name-patterns.js';
import { verifyOpenedInside } from './verify-opened-inside.js';

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
// symlink that appeared after the path was checked.
const readFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const writeFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * The folder the file tools are confined to. Every path goes through {@link checkRelativePath}, then
 * is resolved with realpath and must land inside the root; excluded names (secrets) are refused; files
 * are opened without following a final symlink and checked again once open.
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
    return { absolute: real, relative: relativePath, stats: await lstat(real) };
  }

  /** Opens an existing regular file for reading. The caller closes the handle. */
  async openForRead(path: string): Promise<{ handle: FileHandle; resolved: ResolvedPath }> {
    const resolved = await this.resolveExisting(path);
    if (!resolved.stats.isFile()) {
      throw new FileToolError(
        'not_a_file',
        `\`${path}\` is not a regular file; use list_files to see a folder.`,
      );
    }
    const handle = await this.#open(path, resolved.absolute, readFlags);
    return { handle, resolved };
  }

  /**
   * Opens a file for writing, creating missing folders inside the root. Refuses symlinks on the way
   * that lead outside, a final symlink, and existing files unless `ifExists` allows it.
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
    let folder = this.path;
    for (const segment of segments) folder = await this.#enterFolder(path, folder, segment);
    const target = join(folder, last);
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
    if (existing !== undefined && existing.nlink > 1) {
      // A hard link may be the same file as one outside the root (or in a package store); leave it alone.
      throw new FileToolError(
        'path_refused',
        `\`${path}\` has other hard links, so it may be a file outside the root too; write_file does not change it. Choose another name.`,
      );
    }
    const flags =
      writeFlags |
      (existing === undefined ? constants.O_EXCL : 0) |
      (ifExists === 'append' ? constants.O_APPEND : 0);
    const handle = await this.#open(path, target, flags);
    return { handle, relative: this.toRelative(target), existed: existing !== undefined };
  }

  #segments(path: string): string[] {
    const check = checkRelativePath(path);
    if (!check.ok)
      throw new FileToolError('path_refused', `Refused path \`${printable(path)}\`: ${check.reason}.`);
    return check.segments;
  }

  #refuseExcluded(path: string, relativePath: string): void {
    const pattern = this.excludedBy(relativePath);
    if (pattern !== undefined) {
      throw new FileToolError(
        'path_refused',
        `Refused path \`${path}\`: names matching \`${pattern}\` are excluded because they usually hold secrets.`,
      );
    }
  }

  async #enterFolder(path: string, folder: string, segment: string): Promise<string> {
    const next = join(folder, segment);
    const stats = await lstat(next).catch(() => undefined);
    if (stats === undefined) {
      await mkdir(next).catch((cause: NodeJS.ErrnoException) => {
        if (cause.code !== 'EEXIST') throw cause;
      });
      return this.#enterFolder(path, folder, segment);
    }
    if (stats.isDirectory()) return next;
    if (stats.isSymbolicLink()) {
      const real = await realpath(next).catch((cause) => {
        throw notFound(path, cause);
      });
      if (!isInside(this.path, real)) throw outside(path);
      this.#refuseExcluded(path, this.toRelative(real));
      if ((await lstat(real)).isDirectory()) return real;
    }
    throw new FileToolError(
      'path_refused',
      `\`${path}\`: \`${this.toRelative(next)}\` is a file, not a folder.`,
    );
  }

  async #open(path: string, absolute: string, flags: number): Promise<FileHandle> {
    let handle: FileHandle;
    try {
      handle = await open(absolute, flags, 0o644);
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
      throw new FileToolError('io_failed', `Could not open \`${path}\`: ${code ?? String(cause)}.`, {
        cause,
      });
    }
    if (!(await verifyOpenedInside(handle, this.path, absolute))) {
      await handle.close();
      throw outside(path);
    }
    return handle;
  }
}

function notFound(path: string, cause: unknown): FileToolError {
  return new FileToolError(
    'not_found',
    `\`${path}\` does not exist (or is a broken symlink); use list_files to see what exists.`,
    { cause },
  );
}

function outside(path: string): FileToolError {
  return new FileToolError(
    'path_refused',
    `Refused path \`${path}\`: it leads outside the root through a symlink.`,
  );
}

/** Shows control characters as escapes so an error message stays one readable line. */
function printable(path: string): string {
  return JSON.stringify(path).slice(1, -1);
}
