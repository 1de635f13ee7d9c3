import type { SpecPath } from './source-locator.js';
import { formatSpecPath } from './source-locator.js';

/** How a found value is shown in a message: `"lm" (a string)`, `3 (a number)`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `${JSON.stringify(shown)} (a string)`;
  }
  return `${String(value)} (a ${typeof value})`;
}

/** The value at `path` in plain data, or `undefined`. */
export function valueAtPath(root: unknown, path: SpecPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * Names the place a path points into, for messages: `in step "summary"`, `in step "summary" at
 * thinking`, or `at models.limits` outside steps.
 */
export function whereInSpec(root: unknown, path: SpecPath): string {
  let stepDepth = -1;
  let stepId: string | undefined;
  for (let depth = 1; depth <= path.length; depth++) {
    const parentKey = path[depth - 2];
    const isStepSlot =
      (typeof path[depth - 1] === 'number' && ['steps', 'then', 'else'].includes(String(parentKey))) ||
      path[depth - 1] === 'step';
    if (!isStepSlot) continue;
    const candidate = valueAtPath(root, path.slice(0, depth)) as { id?: unknown } | undefined;
    stepDepth = depth;
    stepId = typeof candidate?.id === 'string' ? candidate.id : undefined;
  }
  if (stepDepth < 0) return path.length === 0 ? 'at the top level' : `at ${formatSpecPath(path)}`;
  const mapId =
    path[stepDepth - 1] === 'step'
      ? (valueAtPath(root, path.slice(0, stepDepth - 1)) as { id?: unknown } | undefined)?.id
      : undefined;
  const stepName =
    stepId !== undefined
      ? `step "${stepId}"`
      : typeof mapId === 'string'
        ? `the step of map "${mapId}"`
        : `step ${formatSpecPath(path.slice(0, stepDepth))}`;
  const rest = path.slice(stepDepth);
  return rest.length === 0 ? `in ${stepName}` : `in ${stepName} at ${formatSpecPath(rest)}`;
}
