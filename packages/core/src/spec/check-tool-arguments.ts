import type { StructuredToolInterface } from '@langchain/core/tools';
import type { TemplateValue } from './analyzed-pipeline.js';
import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import type { SpecPath } from './source-locator.js';

interface ArgumentFields {
  readonly all: readonly string[];
  readonly required: readonly string[];
}

/**
 * Checks the argument names a tool step writes (`input: { text: ... }`) against the tool's own
 * argument schema: unknown names (with did-you-mean) and required ones left out. Values are not
 * checked here, since templates only have values at run time (the runner validates them then).
 */
export function checkToolArguments(
  tool: StructuredToolInterface,
  input: TemplateValue | undefined,
  path: SpecPath,
): PathIssue[] {
  if (input === undefined || input.kind !== 'object') return [];
  const fields = argumentFieldsOf(tool.schema);
  if (fields === undefined) return [];
  const issues: PathIssue[] = [];
  const written = input.entries.map(([key]) => key);
  for (const key of written) {
    if (fields.all.includes(key)) continue;
    const unused = fields.all.filter((field) => !written.includes(field));
    const suggestion = suggestFrom(key, unused.length > 0 ? unused : fields.all);
    issues.push({
      path: [...path, 'input', key],
      at: 'key',
      code: 'unknown_key',
      message: `tool "${tool.name}" takes no argument "${key}"`,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
  }
  for (const field of fields.required) {
    if (written.includes(field)) continue;
    issues.push({
      path: [...path, 'input'],
      code: 'missing_key',
      message: `tool "${tool.name}" needs the argument "${field}"`,
      suggestion: `add ${field}: ... to input`,
    });
  }
  return issues;
}

/** The argument names of a tool schema (zod 4 object or JSON Schema object), when it has named ones. */
function argumentFieldsOf(schema: unknown): ArgumentFields | undefined {
  const zodDef = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown> } } })?._zod
    ?.def;
  if (zodDef?.type === 'object' && zodDef.shape !== undefined) {
    const all = Object.keys(zodDef.shape);
    const required = all.filter((key) => {
      const field = zodDef.shape?.[key] as { _zod?: { optin?: string } } | undefined;
      return field?._zod?.optin !== 'optional';
    });
    return { all, required };
  }
  const json = schema as
    | { type?: unknown; properties?: Record<string, unknown>; required?: unknown }
    | undefined;
  if (json?.type === 'object' && typeof json.properties === 'object' && json.properties !== null) {
    const all = Object.keys(json.properties);
    const required = Array.isArray(json.required)
      ? json.required.filter((key): key is string => typeof key === 'string')
      : [];
    return { all, required };
  }
  return undefined;
}
