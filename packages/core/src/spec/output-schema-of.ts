import { checkJsonSchema } from './check-json-schema.js';
import type { PathIssue } from './path-issue.js';
import type { JsonSchemaSpec, TypeNotation } from './pipeline-spec.js';
import type { SpecPath } from './source-locator.js';
import { typeNotationToJsonSchema } from './type-notation.js';

/** The JSON Schema a step declares for its result (`output` compact or `output_schema`), if any. */
export function outputSchemaOf(
  step: { readonly output?: TypeNotation; readonly output_schema?: JsonSchemaSpec },
  path: SpecPath,
  issues: PathIssue[],
): JsonSchemaSpec | undefined {
  if (step.output !== undefined && step.output_schema !== undefined) {
    issues.push({
      path: [...path, 'output_schema'],
      at: 'key',
      code: 'invalid_value',
      message: 'the step declares both "output" and "output_schema"',
      suggestion: 'keep one: "output" (compact notation) or "output_schema" (JSON Schema)',
    });
  }
  if (step.output !== undefined) {
    const result = typeNotationToJsonSchema(step.output, [...path, 'output']);
    issues.push(...result.issues);
    return result.schema;
  }
  if (step.output_schema !== undefined) {
    issues.push(...checkJsonSchema(step.output_schema, [...path, 'output_schema']));
    return step.output_schema;
  }
  return undefined;
}
