export type { TemplateParseResult } from './parse-template.js';
export { forbiddenPathSegments, parseTemplate } from './parse-template.js';
export type { TemplateScope } from './render-template.js';
export {
  evaluateTemplateExpression,
  readTemplatePath,
  renderTemplate,
  renderTemplateValue,
} from './render-template.js';
export { renderTemplateValueTree } from './render-template-value-tree.js';
export type {
  ParsedTemplate,
  TemplateExpression,
  TemplateFilterCall,
  TemplatePart,
  TemplateSyntaxProblem,
} from './template-expression.js';
export type { FilterResult, TemplateFilter } from './template-filters.js';
export { templateFilters } from './template-filters.js';
export { templateValueToText } from './template-value-to-text.js';
