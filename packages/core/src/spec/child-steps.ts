import type { SpecPath } from './source-locator.js';

/** Keys under which a step holds a list of child steps: `steps` (map, parallel), `then` and `else` (branch). */
export const childStepListKeys = ['steps', 'then', 'else'] as const;

/** The key under which a map holds its single child step. */
export const singleChildStepKey = 'step';

/** A child step and the path from its parent step to it (`['then', 0]`, `['step']`). */
export interface ChildStep {
  readonly path: SpecPath;
  readonly step: object;
}

/**
 * The child steps of one step in plain data, valid or not: every object in a `steps`, `then` or `else`
 * list, and a map's single `step`. The one place that knows where steps nest.
 */
export function childStepsOf(step: unknown): ChildStep[] {
  if (typeof step !== 'object' || step === null) return [];
  const record = step as Record<string, unknown>;
  const children: ChildStep[] = [];
  for (const key of childStepListKeys) {
    const list = record[key];
    if (!Array.isArray(list)) continue;
    list.forEach((child: unknown, index) => {
      if (typeof child === 'object' && child !== null) children.push({ path: [key, index], step: child });
    });
  }
  const single = record[singleChildStepKey];
  if (typeof single === 'object' && single !== null && !Array.isArray(single)) {
    children.push({ path: [singleChildStepKey], step: single });
  }
  return children;
}

/** A shallow copy of `step` with each child step (see {@link childStepsOf}) replaced by `replace(child)`. */
export function mapChildSteps(step: object, replace: (child: object) => object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...step };
  for (const key of childStepListKeys) {
    const list = copy[key];
    if (Array.isArray(list)) {
      copy[key] = list.map((child: unknown) =>
        typeof child === 'object' && child !== null ? replace(child) : child,
      );
    }
  }
  const single = copy[singleChildStepKey];
  if (typeof single === 'object' && single !== null && !Array.isArray(single)) {
    copy[singleChildStepKey] = replace(single);
  }
  return copy;
}

/**
 * How many segments of `path` (from the pipeline file's root) lead to each step it passes through,
 * outermost first: `['steps', 0, 'then', 1, 'prompt']` gives `[2, 4]`. A key named `step` or `steps`
 * elsewhere (inside an `output_schema` or a tool's `args`) is not a step.
 */
export function stepDepthsAlong(path: SpecPath): number[] {
  const depths: number[] = [];
  let at = 0;
  if (path[0] === 'steps' && typeof path[1] === 'number') at = 2;
  else return depths;
  depths.push(at);
  for (;;) {
    const key = path[at];
    if (
      typeof key === 'string' &&
      (childStepListKeys as readonly string[]).includes(key) &&
      typeof path[at + 1] === 'number'
    ) {
      at += 2;
    } else if (key === singleChildStepKey) {
      at += 1;
    } else {
      return depths;
    }
    depths.push(at);
  }
}
