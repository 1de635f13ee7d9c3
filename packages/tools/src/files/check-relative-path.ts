/** The longest path a tool accepts, in characters. */
export const maxPathLength = 1024;

/** Either the clean segments of a path relative to the root, or why it was refused. */
export type RelativePathCheck = { ok: true; segments: string[] } | { ok: false; reason: string };

const percentEncodedTrick = /%(2e|2f|5c|00|25)/i;
// Control characters (NUL included) never belong in a file name a model types.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacter = /[\u0000-\u001f\u007f]/;
const windowsDrive = /^[a-zA-Z]:/;

/**
 * Checks a path the model gave before it touches the file system: it must be relative to the root,
 * use `/` as separator, and stay inside the root by its spelling alone. `.` segments and empty
 * segments are dropped; `..`, absolute paths, drive letters, backslashes, percent-encoded dots and
 * separators, NUL and other control characters are refused. Symlinks are checked later, on the real
 * file system.
 */
export function checkRelativePath(path: string): RelativePathCheck {
  if (path.length > maxPathLength) {
    return refuse(`the path is ${path.length} characters long; the limit is ${maxPathLength}`);
  }
  if (controlCharacter.test(path)) {
    return refuse('the path contains a NUL byte or another control character; remove it');
  }
  if (path.includes('\\')) {
    return refuse('the path contains a backslash; use forward slashes (`docs/notes.txt`)');
  }
  if (path.startsWith('/') || windowsDrive.test(path)) {
    return refuse('absolute paths are not allowed; give a path relative to the root (`docs/notes.txt`)');
  }
  if (path.startsWith('~')) {
    return refuse('`~` is not expanded; give a path relative to the root (`docs/notes.txt`)');
  }
  if (percentEncodedTrick.test(path)) {
    return refuse('the path contains percent-encoded dots or separators (`%2e`, `%2f`); write it plainly');
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      return refuse('`..` is not allowed; paths must stay inside the root');
    }
    segments.push(segment);
  }
  return { ok: true, segments };
}

function refuse(reason: string): RelativePathCheck {
  return { ok: false, reason };
}
