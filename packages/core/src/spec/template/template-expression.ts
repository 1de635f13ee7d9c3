/** A parsed template: literal text and `{{ }}` expressions, in order. */
export interface ParsedTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** One piece of a template. */
export type TemplatePart = string | TemplateExpression;

/** `{{ steps.summary.bullets | join(", ") }}`: a data path and filters, never code. */
export interface TemplateExpression {
  /** The root and the segments after it: `['steps', 'summary', 'bullets']`, `['item', 0]`. */
  readonly path: readonly (string | number)[];
  readonly filters: readonly TemplateFilterCall[];
  /** Offset of the path's first character in the template source (for error columns). */
  readonly offset: number;
  /** The expression as written, without the braces. */
  readonly text: string;
}

/** `join(", ")`: a filter name and its literal arguments. */
export interface TemplateFilterCall {
  readonly name: string;
  readonly args: readonly (string | number | boolean | null)[];
  /** Offset of the filter name in the template source. */
  readonly offset: number;
}

/** A problem in a template's syntax, at an offset in its source. */
export interface TemplateSyntaxProblem {
  readonly offset: number;
  readonly message: string;
  readonly suggestion?: string;
  readonly code: 'invalid_template' | 'unknown_filter';
}
