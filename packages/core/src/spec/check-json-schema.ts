import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import type { SpecPath } from './source-locator.js';

const types = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

const keywords = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  '$comment',
  'definitions',
  'title',
  'description',
  'type',
  'enum',
  'const',
  'default',
  'examples',
  'format',
  'nullable',
  'properties',
  'required',
  'additionalProperties',
  'propertyOrdering',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
]);

/**
 * Checks a JSON Schema written in a pipeline file for the mistakes people make by hand: misspelled
 * keywords (`propertes`), unknown `type` names, `required` fields that are not in `properties`,
 * subschemas that are not mappings. Returns every problem, located by path.
 */
export function checkJsonSchema(schema: unknown, path: SpecPath): PathIssue[] {
  const issues: PathIssue[] = [];
  visit(schema, path, issues);
  return issues;
}

function visit(schema: unknown, path: SpecPath, issues: PathIssue[]): void {
  if (typeof schema === 'boolean') return;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    issues.push({ path, code: 'invalid_json_schema', message: 'a JSON Schema must be a mapping' });
    return;
  }
  const record = schema as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keywords.has(key)) {
      issues.push({
        path: [...path, key],
        at: 'key',
        code: 'invalid_json_schema',
        message: `unknown JSON Schema keyword "${key}"`,
        ...optional(
          suggestFrom(
            key,
            [...keywords],
            'use a standard JSON Schema keyword, or the compact `output:` notation',
          ),
        ),
      });
    }
  }
  const type = record.type;
  for (const name of Array.isArray(type) ? type : type === undefined ? [] : [type]) {
    if (typeof name !== 'string' || !types.includes(name)) {
      issues.push({
        path: [...path, 'type'],
        code: 'invalid_json_schema',
        message: `unknown JSON Schema type ${JSON.stringify(name)}`,
        ...optional(suggestFrom(String(name), types)),
      });
    }
  }
  const properties = record.properties;
  if (properties !== undefined) {
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      issues.push({
        path: [...path, 'properties'],
        code: 'invalid_json_schema',
        message: '"properties" must be a mapping',
      });
    } else {
      for (const [name, child] of Object.entries(properties))
        visit(child, [...path, 'properties', name], issues);
    }
  }
  const required = record.required;
  if (required !== undefined) {
    const declared = typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
    if (!Array.isArray(required)) {
      issues.push({
        path: [...path, 'required'],
        code: 'invalid_json_schema',
        message: '"required" must be a list',
      });
    } else {
      required.forEach((name, index) => {
        if (typeof name !== 'string' || !declared.includes(name)) {
          issues.push({
            path: [...path, 'required', index],
            code: 'invalid_json_schema',
            message: `required field ${JSON.stringify(name)} is not in "properties"`,
            ...optional(suggestFrom(String(name), declared)),
          });
        }
      });
    }
  }
  if (record.items !== undefined) visit(record.items, [...path, 'items'], issues);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = record[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      issues.push({
        path: [...path, key],
        code: 'invalid_json_schema',
        message: `"${key}" must be a list of schemas`,
      });
    } else {
      list.forEach((child, index) => {
        visit(child, [...path, key, index], issues);
      });
    }
  }
  if (record.enum !== undefined && !Array.isArray(record.enum)) {
    issues.push({ path: [...path, 'enum'], code: 'invalid_json_schema', message: '"enum" must be a list' });
  }
}

function optional(suggestion: string | undefined): { suggestion?: string } {
  return suggestion === undefined ? {} : { suggestion };
}
