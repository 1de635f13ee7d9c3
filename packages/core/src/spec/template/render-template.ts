import { TokenflowError } from '../../errors/index.js';
import type { ParsedTemplate, TemplateExpression } from './template-expression.js';
import { templateFilters } from './template-filters.js';
import { templateValueToText } from './template-value-to-text.js';

/** The data a template reads: `input`, `steps`, and inside a map `item` and `index`. */
export type TemplateScope = Readonly<Record<string, unknown>>;

/** Reads a path from the scope, following own properties only (never prototypes). */
export function readTemplatePath(scope: TemplateScope, path: readonly (string | number)[]): unknown {
  let current: unknown = scope;
  for (const segment of path) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object') return undefined;
    // Lists are read by index only: `length` and methods are not data.
    if (Array.isArray(current) && !(typeof segment === 'number' || /^\d+$/.test(segment))) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The value of one expression: the path's value passed through its filters. */
export function evaluateTemplateExpression(expression: TemplateExpression, scope: TemplateScope): unknown {
  let value = readTemplatePath(scope, expression.path);
  for (const call of expression.filters) {
    const filter = templateFilters[call.name];
    if (filter === undefined)
      throw new TokenflowError('template_render_failed', `unknown filter "${call.name}"`);
    try {
      value = filter.apply(value, call.args);
    } catch (error) {
      throw new TokenflowError(
        'template_render_failed',
        `{{ ${expression.text} }}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return value;
}

/** Renders a template to text; values that are not text are written as JSON. */
export function renderTemplate(template: ParsedTemplate, scope: TemplateScope): string {
  let text = '';
  for (const part of template.parts) {
    text += typeof part === 'string' ? part : templateValueToText(evaluateTemplateExpression(part, scope));
  }
  return text;
}

/**
 * Renders a template used as a value (a tool argument, a field of the output row): a template that is
 * exactly one `{{ }}` (spaces around allowed) keeps the value's type (a list stays a list); anything else
 * is rendered as text.
 */
export function renderTemplateValue(template: ParsedTemplate, scope: TemplateScope): unknown {
  const expressions = template.parts.filter((part) => typeof part !== 'string');
  const onlyOne =
    expressions.length === 1 &&
    template.parts.every((part) => typeof part !== 'string' || part.trim() === '');
  if (onlyOne) return evaluateTemplateExpression(expressions[0] as TemplateExpression, scope);
  return renderTemplate(template, scope);
}
