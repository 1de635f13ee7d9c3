import { dirname, resolve } from 'node:path';
import type { PipelineDefinition } from '../flow/index.js';
import type { AnalyzedPipeline, ResolvedModels } from './analyzed-pipeline.js';
import { compilePipeline } from './compile-pipeline.js';
import { locatePathIssues } from './path-issue.js';
import { pipelineFingerprint } from './pipeline-fingerprint.js';
import { type PipelineGatewayOptions, pipelineGatewayOptions } from './pipeline-gateway-options.js';
import type { JsonSchemaSpec, PipelineSpec } from './pipeline-spec.js';
import { PipelineSpecError } from './pipeline-spec-error.js';
import { readPipelineFile } from './validate-pipeline-file.js';
import { checkPipelineText, type PipelineValidationOptions } from './validate-pipeline-text.js';

/** A pipeline file path, or YAML text with the name to show in issues and the folder for relative paths. */
export type PipelineSource =
  | string
  | {
      readonly text: string;
      /** Shown in issues. @default '<inline>' */
      readonly file?: string;
      /** Relative paths in tool options resolve against it. @default process.cwd() */
      readonly baseDir?: string;
    };

/** A loaded YAML pipeline: the definition the runner takes, plus what the batch runner and CLI need. */
export interface LoadedPipeline {
  /** The same plain definition the TypeScript builder makes; pass it to the runner. */
  readonly definition: PipelineDefinition;
  /** `name` from the file (also `definition.id`). */
  readonly name: string;
  readonly description?: string;
  /** The file as named by the caller (`<inline>` for text). */
  readonly file: string;
  /** The folder relative paths resolved against. */
  readonly baseDir: string;
  /** Default model, fallback chain and per-model limits, for the gateway. */
  readonly models: ResolvedModels;
  /** `models.limits` and `models.fallback` as gateway options: `createGateway({ ...gatewayOptions, apiKey })`. */
  readonly gatewayOptions: PipelineGatewayOptions;
  /** The row id field and the input row's JSON Schema, when declared. */
  readonly input: { readonly idField?: string; readonly schema?: JsonSchemaSpec };
  /** `pipelineFingerprint(spec)`: changes when the pipeline's meaning changes. */
  readonly fingerprint: string;
  /** The checked file contents. */
  readonly spec: PipelineSpec;
  /** The checked pipeline (parsed templates, resolved types), for tooling. */
  readonly analyzed: AnalyzedPipeline;
}

/**
 * Loads a YAML pipeline: reads it (a path) or takes the text, checks everything (see
 * `validatePipelineText`), and compiles it to a {@link PipelineDefinition}. Nothing calls a model.
 *
 * @throws PipelineSpecError listing every issue, each with `file:line:col`, when the file is not valid.
 * @example
 * const loaded = await loadPipeline('pipelines/summarize.yaml', { tools: builtinToolRegistry });
 * const result = await runPipeline(loaded.definition, row, { gateway });
 */
export async function loadPipeline(
  source: PipelineSource,
  options: PipelineValidationOptions,
): Promise<LoadedPipeline> {
  let text: string;
  let file: string;
  let baseDir: string;
  if (typeof source === 'string') {
    const read = await readPipelineFile(source, options.limits?.maxSourceLength);
    if (!read.ok) throw new PipelineSpecError([read.issue]);
    text = read.text;
    file = source;
    baseDir = dirname(resolve(source));
  } else {
    text = source.text;
    file = source.file ?? '<inline>';
    baseDir = resolve(source.baseDir ?? process.cwd());
  }
  const validation = checkPipelineText(text, { ...options, file });
  const pipeline = validation.pipeline;
  if (pipeline === undefined) throw new PipelineSpecError(validation.issues);
  const compiled = compilePipeline(pipeline, { tools: options.tools, baseDir });
  if (compiled.issues.length > 0) {
    throw new PipelineSpecError(locatePathIssues(compiled.issues, validation.locator, file));
  }
  return {
    definition: compiled.definition,
    name: pipeline.spec.name,
    ...(pipeline.spec.description === undefined ? {} : { description: pipeline.spec.description }),
    file,
    baseDir,
    models: pipeline.models,
    gatewayOptions: pipelineGatewayOptions(pipeline),
    input: pipeline.input,
    fingerprint: pipelineFingerprint(pipeline.spec),
    spec: pipeline.spec,
    analyzed: pipeline,
  };
}
