import { closestMatch } from '../errors/closest-match.js';
import type { ModelCatalog } from '../models/index.js';
import type { PathIssue } from './path-issue.js';
import type { ThinkingSpec } from './pipeline-spec.js';
import type { SpecPath } from './source-locator.js';

/** Checks that `model` is in the catalog; suggests the closest id, or lists them all. */
export function checkModelReference(model: string, path: SpecPath, catalog: ModelCatalog): PathIssue[] {
  if (Object.hasOwn(catalog, model)) return [];
  const known = Object.keys(catalog);
  const match = closestMatch(model, known);
  return [
    {
      path,
      code: 'unknown_model',
      message: `unknown model "${model}"`,
      suggestion:
        match === undefined
          ? `known models: ${known.map((id) => `"${id}"`).join(', ')}`
          : `did you mean "${match}"?`,
    },
  ];
}

/**
 * Checks thinking settings against what the model accepts (the API answers 400 otherwise): Gemini 3
 * models take a `level` from their list, 2.5 models a `budget` in their range (0 only where thinking
 * can be turned off, -1 for dynamic); never both.
 */
export function checkThinking(
  thinking: ThinkingSpec,
  model: string,
  path: SpecPath,
  catalog: ModelCatalog,
): PathIssue[] {
  const info = Object.hasOwn(catalog, model) ? catalog[model] : undefined;
  if (info === undefined) return [];
  const issues: PathIssue[] = [];
  const controls = info.thinking;
  if (thinking.level !== undefined && thinking.budget !== undefined) {
    issues.push({
      path,
      code: 'invalid_value',
      message: `thinking sets both "level" and "budget"; the API rejects that`,
      suggestion: controls.levels ? `keep "level" for ${model}` : `keep "budget" for ${model}`,
    });
  }
  if (thinking.level !== undefined) {
    if (controls.levels === undefined) {
      issues.push({
        path: [...path, 'level'],
        code: 'invalid_value',
        message: `${model} does not take a thinking level`,
        suggestion: `use thinking.budget (${controls.budget?.min ?? 0} to ${controls.budget?.max ?? 0} tokens, or -1 for dynamic)`,
      });
    } else if (!controls.levels.includes(thinking.level)) {
      issues.push({
        path: [...path, 'level'],
        code: 'invalid_value',
        message: `${model} does not accept thinking level "${thinking.level}"`,
        suggestion: `expected one of: ${controls.levels.map((level) => `"${level}"`).join(', ')}`,
      });
    }
  }
  if (thinking.budget !== undefined) {
    const budget = thinking.budget;
    if (controls.budget === undefined) {
      issues.push({
        path: [...path, 'budget'],
        code: 'invalid_value',
        message: `${model} does not take a thinking budget`,
        suggestion: `use thinking.level (${(controls.levels ?? []).join(', ')})`,
      });
    } else if (budget === 0 && !controls.canDisable) {
      issues.push({
        path: [...path, 'budget'],
        code: 'invalid_value',
        message: `${model} cannot turn thinking off (budget 0)`,
        suggestion: `use a budget from ${controls.budget.min} to ${controls.budget.max}`,
      });
    } else if (budget > 0 && (budget < controls.budget.min || budget > controls.budget.max)) {
      issues.push({
        path: [...path, 'budget'],
        code: 'invalid_value',
        message: `thinking budget ${budget} is outside what ${model} accepts (${controls.budget.min} to ${controls.budget.max})`,
        suggestion: `use a budget from ${controls.budget.min} to ${controls.budget.max}, or -1 for dynamic`,
      });
    }
  }
  return issues;
}
