import { FileToolError } from './file-tool-error.js';

// Every message names the path as the model gave it (or another root-relative path), never an absolute
// one: the root's place on disk is none of the model's business.

export function notFound(path: string, cause?: unknown): FileToolError {
  return new FileToolError(
    'not_found',
    `\`${path}\` does not exist (or is a broken symlink); use list_files to see what exists.`,
    { cause },
  );
}

export function outside(path: string): FileToolError {
  return new FileToolError(
    'path_refused',
    `Refused path \`${path}\`: it leads outside the root through a symlink.`,
  );
}

export function excluded(path: string, pattern: string): FileToolError {
  return new FileToolError(
    'path_refused',
    `Refused path \`${path}\`: names matching \`${pattern}\` are excluded because they usually hold secrets.`,
  );
}

export function notAFile(path: string): FileToolError {
  return new FileToolError(
    'not_a_file',
    `\`${path}\` is not a regular file; use list_files to see a folder.`,
  );
}

export function notAFolder(path: string, folder: string): FileToolError {
  return new FileToolError('path_refused', `\`${path}\`: \`${folder}\` is a file, not a folder.`);
}

/** The file changed between being checked and being opened (moved, removed, swapped). */
export function changedWhileOpening(path: string): FileToolError {
  return new FileToolError(
    'path_changed',
    `\`${path}\` was moved or removed while it was being opened; refused. Try again once it stays put.`,
  );
}

/** A file system call failed for a reason no other refusal names; says which, by its error code only. */
export function systemFailure(path: string, action: string, cause: unknown): FileToolError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'an unknown error';
  return new FileToolError('io_failed', `Could not ${action} \`${path}\`: ${code}.`, { cause });
}

/** Shows control characters as escapes so an error message stays one readable line. */
export function printable(path: string): string {
  return JSON.stringify(path).slice(1, -1);
}
