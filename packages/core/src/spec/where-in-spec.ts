import { valueAtPath } from '../errors/value-at-path.js';
import type { SpecPath } from './source-locator.js';
import { formatSpecPath } from './source-locator.js';

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
