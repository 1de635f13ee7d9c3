import type { SourceLocator, SpecPath } from './source-locator.js';
import type { SpecIssue, SpecIssueCode } from './spec-issue.js';

/** An issue found on plain data, located by path; turned into a {@link SpecIssue} with the locator. */
export interface PathIssue {
  readonly path: SpecPath;
  readonly code: SpecIssueCode;
  readonly message: string;
  readonly suggestion?: string;
  /** Point at the key of the entry rather than its value. @default 'value' */
  readonly at?: 'key' | 'value';
  /** Where in the string value the issue is (a reference inside a template), with the string itself. */
  readonly within?: { readonly text: string; readonly offset: number };
}

/** Locates path issues in the file. */
export function locatePathIssues(
  issues: readonly PathIssue[],
  locator: SourceLocator,
  file: string,
): SpecIssue[] {
  return issues.map((issue) => {
    const position =
      issue.at === 'key'
        ? locator.keyAt(issue.path)
        : issue.within !== undefined
          ? locator.positionInValue(issue.path, issue.within.text, issue.within.offset)
          : locator.valueAt(issue.path);
    return {
      file,
      line: position.line,
      column: position.column,
      code: issue.code,
      message: issue.message,
      ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
    };
  });
}
