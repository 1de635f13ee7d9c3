import { TokenflowError } from '../errors/index.js';
import { formatSpecIssue, type SpecIssue, sortSpecIssues } from './spec-issue.js';

/**
 * A pipeline file that cannot be used. Carries every issue found (not only the first), sorted by
 * position; the message lists them all, one per line, as `file:line:col: what; suggestion`.
 */
export class PipelineSpecError extends TokenflowError {
  readonly issues: readonly SpecIssue[];

  constructor(issues: readonly SpecIssue[], options?: { cause?: unknown }) {
    const sorted = sortSpecIssues(issues);
    const file = sorted[0]?.file ?? 'pipeline';
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    const lines = sorted.map((issue) => `  ${formatSpecIssue(issue)}`);
    super('pipeline_spec_invalid', `${file} has ${count}:\n${lines.join('\n')}`, options);
    this.name = 'PipelineSpecError';
    this.issues = sorted;
  }
}
