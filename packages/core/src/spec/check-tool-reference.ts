import { closestMatch } from '../errors/closest-match.js';
import type { ToolRegistry } from '../registry/index.js';
import type { ToolReference } from './analyzed-pipeline.js';
import { suggestFrom } from './did-you-mean.js';
import type { PathIssue } from './path-issue.js';
import type { ToolReferenceSpec } from './pipeline-spec.js';
import { allowedKeysAt } from './schema-at-path.js';
import { formatSpecPath, type SpecPath } from './source-locator.js';

/**
 * Resolves a tool named in the file against the registry and validates its options with the
 * factory's zod schema, reporting every invalid option (with did-you-mean for misspelled ones).
 */
export function checkToolReference(
  reference: ToolReferenceSpec,
  path: SpecPath,
  registry: ToolRegistry,
): { reference: ToolReference; issues: PathIssue[] } {
  const name = typeof reference === 'string' ? reference : reference.name;
  const options = typeof reference === 'string' ? {} : (reference.options ?? {});
  const namePath = typeof reference === 'string' ? path : [...path, 'name'];
  const optionsPath = [...path, 'options'];
  const resolved: ToolReference = { name, options, path };
  const factory = registry.get(name);
  if (factory === undefined) {
    const known = registry.names();
    return {
      reference: resolved,
      issues: [
        {
          path: namePath,
          code: 'unknown_tool',
          message: `unknown tool "${name}"`,
          suggestion: didYouMeanOrList(name, known),
        },
      ],
    };
  }
  const parsed = factory.options.safeParse(options);
  if (parsed.success)
    return { reference: { ...resolved, options: parsed.data as Record<string, unknown> }, issues: [] };
  const issues: PathIssue[] = [];
  for (const issue of parsed.error.issues) {
    const issuePath = issue.path as SpecPath;
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(factory.options, options, issuePath);
      for (const key of issue.keys) {
        issues.push({
          path: [...optionsPath, ...issuePath, key],
          at: 'key',
          code: 'invalid_tool_options',
          message: `tool "${name}" has no option "${[...issuePath, key].map(String).join('.')}"`,
          ...optional(suggestFrom(key, allowed)),
        });
      }
      continue;
    }
    const where = issuePath.length === 0 ? 'options' : `option "${formatSpecPath(issuePath)}"`;
    issues.push({
      path: [...optionsPath, ...issuePath],
      code: 'invalid_tool_options',
      message: `invalid ${where} for tool "${name}": ${issue.message}`,
    });
  }
  return { reference: resolved, issues };
}

function didYouMeanOrList(name: string, known: readonly string[]): string {
  const match = closestMatch(name, known);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (known.length === 0) return 'no tools are registered';
  return `known tools: ${known.map((tool) => `"${tool}"`).join(', ')}`;
}

function optional(suggestion: string | undefined): { suggestion?: string } {
  return suggestion === undefined ? {} : { suggestion };
}
