import { TokenflowError } from '../../errors/tokenflow-error.js';

/** One problem found in a value, located by its path inside the value. */
export interface ValidationIssue {
  /** Path inside the value, e.g. `['items', 2, 'price']`; empty for the value itself. */
  path: (string | number)[];
  /** What the schema expected, in words (`number`, `one of "a" | "b"`, `at most 5 items`). */
  expected: string;
  /** What was there, shortened (`"12" (string)`, `undefined`). */
  found: string;
  /** The validator's own message. */
  message: string;
}

/** Which value of a step failed validation. */
export type ValidationTarget = 'input' | 'output' | 'pipeline input' | 'pipeline output' | 'tool arguments';

/** Renders a path as `items[2].price` (`(root)` for the value itself). */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, position) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${position === 0 ? '' : '.'}${segment}`
          : `[${JSON.stringify(segment)}]`,
    )
    .join('');
}

/**
 * A step's input or output does not match its schema. Names the step, the path inside the value, what
 * was expected and what was found. Nothing finished before it is lost: the run result (or the
 * `RunFailedError` that wraps this) keeps every earlier step's result.
 */
export class StepValidationError extends TokenflowError {
  readonly stepId: string;
  readonly target: ValidationTarget;
  readonly issues: ValidationIssue[];

  constructor(
    stepId: string,
    target: ValidationTarget,
    issues: ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    const lines = issues
      .slice(0, 5)
      .map((issue) => `  at ${formatPath(issue.path)}: expected ${issue.expected}, found ${issue.found}`);
    const more = issues.length > 5 ? `\n  ...and ${issues.length - 5} more` : '';
    super(
      'step_validation',
      `Step "${stepId}": ${target} does not match its schema (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}${more}`,
      options,
    );
    this.name = 'StepValidationError';
    this.stepId = stepId;
    this.target = target;
    this.issues = issues;
  }
}
