import type { ModelCatalog } from '../models/index.js';
import { defaultModelCatalog } from '../models/index.js';
import type { ToolRegistry } from '../registry/index.js';
import { analyzePipelineSpec } from './analyze-pipeline-spec.js';
import type { AnalyzedPipeline } from './analyzed-pipeline.js';
import { parseYamlSafely } from './parse-yaml-safely.js';
import { locatePathIssues } from './path-issue.js';
import { pipelineSpecSchema } from './pipeline-spec-schema.js';
import { salvagePipelineSpec } from './salvage-pipeline-spec.js';
import type { SourceLocator } from './source-locator.js';
import { type SpecIssue, sortSpecIssues } from './spec-issue.js';
import type { YamlLimits } from './yaml-limits.js';
import { zodIssuesToSpecIssues } from './zod-issues-to-spec-issues.js';

/** What validating a pipeline checks names against, and the safety limits. */
export interface PipelineValidationOptions {
  /** The tools pipelines may name (`@tokenflow/tools` provides the built-in registry). */
  readonly tools: ToolRegistry;
  /**
   * The models pipelines may name.
   * @default defaultModelCatalog
   */
  readonly models?: ModelCatalog;
  /** Caps for untrusted files. @default see {@link YamlLimits} */
  readonly limits?: YamlLimits;
}

/** The outcome of validating a pipeline: every issue, and the checked pipeline when there are none. */
export interface PipelineValidation {
  /** The file name used in issues. */
  readonly file: string;
  /** Every problem found, sorted by position. Empty when the pipeline is valid. */
  readonly issues: readonly SpecIssue[];
  /** The checked pipeline, present only when `issues` is empty. */
  readonly pipeline?: AnalyzedPipeline;
}

/** Codes after which the document cannot be read further. */
const fatalCodes = new Set(['source_too_large', 'nesting_too_deep', 'yaml_syntax', 'too_many_nodes']);

/**
 * Checks pipeline YAML text completely, before any model is called: YAML safety, the structure
 * (unknown keys, types), templates and their references, output types, tools and options, models.
 * Never throws for a bad file; returns every issue found. `file` names the text in issues.
 */
export function validatePipelineText(
  text: string,
  options: PipelineValidationOptions & { readonly file?: string },
): PipelineValidation {
  const { locator: _locator, ...validation } = checkPipelineText(text, options);
  return validation;
}

/** {@link validatePipelineText}, also returning where each value is in the text (for later issues). */
export function checkPipelineText(
  text: string,
  options: PipelineValidationOptions & { readonly file?: string },
): PipelineValidation & { readonly locator: SourceLocator } {
  const file = options.file ?? '<inline>';
  const parsed = parseYamlSafely(text.startsWith('\uFEFF') ? text.slice(1) : text, file, options.limits);
  const issues: SpecIssue[] = [...parsed.issues];
  const locator = parsed.locator;
  if (issues.some((issue) => fatalCodes.has(issue.code)))
    return { file, issues: sortSpecIssues(issues), locator };
  if (parsed.value === null || parsed.value === undefined) {
    if (issues.length === 0) {
      issues.push({
        file,
        line: 1,
        column: 1,
        code: 'missing_key',
        message: 'the file is empty',
        suggestion: 'start with name: and steps:',
      });
    }
    return { file, issues: sortSpecIssues(issues), locator };
  }
  const structural = pipelineSpecSchema.safeParse(parsed.value);
  const analyzeOptions = {
    tools: options.tools,
    models: options.models ?? defaultModelCatalog,
    locator: parsed.locator,
  };
  if (structural.success) {
    const analysis = analyzePipelineSpec(structural.data, analyzeOptions);
    issues.push(...locatePathIssues(analysis.issues, parsed.locator, file));
    if (issues.length === 0) return { file, issues, pipeline: analysis.pipeline, locator };
    return { file, issues: deduplicate(issues), locator };
  }
  issues.push(
    ...zodIssuesToSpecIssues(structural.error.issues, pipelineSpecSchema, parsed.value, parsed.locator, file),
  );
  const salvaged = salvagePipelineSpec(parsed.value);
  if (salvaged !== undefined) {
    const analysis = analyzePipelineSpec(salvaged.spec, { ...analyzeOptions, opaque: salvaged.opaque });
    issues.push(...locatePathIssues(analysis.issues, parsed.locator, file));
  }
  return { file, issues: deduplicate(issues), locator };
}

/** Keeps the first issue reported at each position (a refused tag also fails the type check there). */
function deduplicate(issues: readonly SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  const kept: SpecIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.line}:${issue.column}:${issue.message}`;
    const position = `${issue.line}:${issue.column}`;
    if (seen.has(key) || (seen.has(position) && issue.code === 'invalid_type')) continue;
    seen.add(key);
    seen.add(position);
    kept.push(issue);
  }
  return sortSpecIssues(kept);
}
