/**
 * One problem found in a pipeline file: where it is, what is wrong and what to do about it.
 * `code` is a stable id that programs (editors, the CLI's `--json`) can switch on.
 */
export interface SpecIssue {
  /** The file as the user named it (or `<inline>` for text passed directly). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** What is wrong, naming the thing, what was expected and what was found. */
  readonly message: string;
  /** What to do about it, for example `did you mean "title"?`. */
  readonly suggestion?: string;
  readonly code: SpecIssueCode;
}

/** Every kind of problem the loader reports. */
export type SpecIssueCode =
  | 'file_unreadable'
  | 'source_too_large'
  | 'nesting_too_deep'
  | 'scalar_too_large'
  | 'too_many_nodes'
  | 'alias_cycle'
  | 'yaml_syntax'
  | 'yaml_tag'
  | 'duplicate_key'
  | 'forbidden_key'
  | 'non_string_key'
  | 'unknown_key'
  | 'missing_key'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_type_notation'
  | 'invalid_json_schema'
  | 'invalid_template'
  | 'unknown_filter'
  | 'unknown_reference'
  | 'unknown_step'
  | 'later_step'
  | 'unknown_field'
  | 'not_an_array'
  | 'duplicate_step_id'
  | 'unknown_tool'
  | 'invalid_tool_options'
  | 'unknown_model';

/** `file:line:col: message; suggestion`, the way compilers print it so terminals and editors link it. */
export function formatSpecIssue(issue: SpecIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.suggestion === undefined
    ? `${where}: ${issue.message}`
    : `${where}: ${issue.message}; ${issue.suggestion}`;
}

/** Sorts issues by line then column, keeping the order of issues found at the same place. */
export function sortSpecIssues(issues: readonly SpecIssue[]): SpecIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}
