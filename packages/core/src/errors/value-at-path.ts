/**
 * The value at `path` inside plain data (objects and arrays), or `undefined` when the path leads nowhere.
 * Only own properties count: a path such as `toString` or `__proto__` never reaches into a prototype, so
 * a message about a missing field says it is missing.
 */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
