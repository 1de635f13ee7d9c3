import { checkJsonSchema } from './check-json-schema.js';
import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import type { InputSpec, JsonSchemaSpec } from './pipeline-spec.js';
import { typeNotationToJsonSchema } from './type-notation.js';

/**
 * Reads the `input` section: the row's JSON Schema (from compact `fields`, left open to extra
 * columns, or a full `schema`) and the id field, which must be one of the declared fields.
 */
export function analyzeInputSpec(
  input: InputSpec | undefined,
  issues: PathIssue[],
): { idField?: string; schema?: JsonSchemaSpec } {
  if (input === undefined) return {};
  if (input.fields !== undefined && input.schema !== undefined) {
    issues.push({
      path: ['input', 'schema'],
      at: 'key',
      code: 'invalid_value',
      message: 'input declares both "fields" and "schema"',
      suggestion: 'keep one: "fields" (compact notation) or "schema" (JSON Schema)',
    });
  }
  let schema: JsonSchemaSpec | undefined;
  if (input.fields !== undefined) {
    const result = typeNotationToJsonSchema(input.fields, ['input', 'fields'], { openTopLevel: true });
    issues.push(...result.issues);
    schema = result.schema;
  } else if (input.schema !== undefined) {
    issues.push(...checkJsonSchema(input.schema, ['input', 'schema']));
    schema = input.schema;
  }
  if (input.id !== undefined && schema?.properties !== undefined) {
    const fields = Object.keys(schema.properties as Record<string, unknown>);
    if (!fields.includes(input.id)) {
      const suggestion = suggestFrom(input.id, fields);
      issues.push({
        path: ['input', 'id'],
        code: 'unknown_field',
        message: `the row id field "${input.id}" is not one of the input fields`,
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    }
  }
  return {
    ...(input.id === undefined ? {} : { idField: input.id }),
    ...(schema === undefined ? {} : { schema }),
  };
}
