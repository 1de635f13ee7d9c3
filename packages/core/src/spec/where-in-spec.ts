import { valueAtPath } from '../errors/value-at-path.js';
import { stepDepthsAlong } from './child-steps.js';
import type { SpecPath } from './source-locator.js';
import { formatSpecPath } from './source-locator.js';

/**
 * Names the place a path points into, for messages: `in step "summary"`, `in step "summary" at
 * thinking`, or `at models.limits` outside steps.
 */
export function whereInSpec(root: unknown, path: SpecPath): string {
  const stepDepth = stepDepthsAlong(path).at(-1) ?? -1;
  const step =
    stepDepth < 0 ? undefined : (valueAtPath(root, path.slice(0, stepDepth)) as { id?: unknown } | undefined);
  const stepId = typeof step?.id === 'string' ? step.id : undefined;
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
