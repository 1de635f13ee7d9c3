import { childStepsOf } from './child-steps.js';
import type { PathIssue } from './path-issue.js';
import type { StepSpec, WithOptionalId } from './pipeline-spec.js';
import type { OpaqueStep } from './salvage-pipeline-spec.js';
import type { SourceLocator, SpecPath } from './source-locator.js';

/** Where step ids are collected, and what helps report duplicates. */
export interface StepIdCollection {
  /** Every id in the file, filled in. */
  readonly declared: Set<string>;
  readonly issues: PathIssue[];
  /** The path of each id's first use. */
  readonly first: Map<string, SpecPath>;
  /** To say where the first use is. */
  readonly locator?: SourceLocator;
  readonly opaque?: ReadonlyMap<StepSpec, OpaqueStep>;
}

/**
 * Collects every step id in the file, nested ones included, reporting duplicates with the position of
 * the first use. A map's single step may share the map's id (the builder's convention).
 */
export function collectStepIds(
  steps: readonly (StepSpec | WithOptionalId<StepSpec>)[],
  path: SpecPath,
  collection: StepIdCollection,
): void {
  steps.forEach((step, index) => {
    collectStepId(step, [...path, index], collection);
  });
}

function collectStepId(
  step: StepSpec | WithOptionalId<StepSpec>,
  path: SpecPath,
  collection: StepIdCollection,
): void {
  const opaque = collection.opaque?.get(step as StepSpec);
  if (opaque !== undefined) {
    for (const id of [opaque.id, ...opaque.innerIds]) collection.declared.add(id);
    return;
  }
  if (step.id !== undefined) {
    const earlier = collection.first.get(step.id);
    if (earlier === undefined) {
      collection.first.set(step.id, path);
      collection.declared.add(step.id);
    } else {
      const at = collection.locator?.valueAt([...earlier, 'id']);
      collection.issues.push({
        path: [...path, 'id'],
        code: 'duplicate_step_id',
        message: `duplicate step id "${step.id}"${at ? ` (first used at line ${at.line}, column ${at.column})` : ''}`,
        suggestion: 'give every step its own id',
      });
    }
  }
  for (const child of childStepsOf(step)) {
    const childId = (child.step as { id?: unknown }).id;
    // A map's single step may share the map's id (the builder's convention); it is the same step.
    if (child.path[0] === 'step' && (childId === undefined || childId === step.id)) continue;
    collectStepId(child.step as StepSpec, [...path, ...child.path], collection);
  }
}
