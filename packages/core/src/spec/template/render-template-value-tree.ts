import type { TemplateValue } from '../analyzed-pipeline.js';
import { renderTemplateValue, type TemplateScope } from './render-template.js';

/** Builds a value (tool arguments, the output row) from its template tree and the current data. */
export function renderTemplateValueTree(value: TemplateValue, scope: TemplateScope): unknown {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'template':
      return renderTemplateValue(value.template, scope);
    case 'list':
      return value.items.map((item) => renderTemplateValueTree(item, scope));
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, item] of value.entries) {
        Object.defineProperty(result, key, {
          value: renderTemplateValueTree(item, scope),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
  }
}
