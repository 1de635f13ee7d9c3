import { relative, sep } from 'node:path';

/** Whether `target` is `root` itself or lies below it (both already resolved with realpath). */
export function isInside(root: string, target: string): boolean {
  if (target === root) return true;
  const path = relative(root, target);
  return path !== '' && !path.startsWith(`..${sep}`) && path !== '..' && !path.startsWith(sep);
}
