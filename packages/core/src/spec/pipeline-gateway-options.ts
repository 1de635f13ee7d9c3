import type { FallbackOptions, LaneLimitOptions } from '../gateway/index.js';
import type { AnalyzedPipeline, AnalyzedStep } from './analyzed-pipeline.js';
import type { ModelLimitsSpec } from './pipeline-spec.js';

/** The part of the gateway's options a pipeline file decides: per-model limits and fallback chains. */
export interface PipelineGatewayOptions {
  readonly limits: Record<string, LaneLimitOptions>;
  /** Absent when the file sets no `models.fallback` (the gateway's default chains apply). */
  readonly fallback?: FallbackOptions;
}

/**
 * Turns a pipeline's `models` section into gateway options. `models.fallback` is one ordered list; each
 * model the pipeline uses falls back along it, skipping itself and, for a model of the list, the
 * models before it (so `[a, b, c]` gives `a -> b -> c`, `b -> c`, and `x -> a -> b -> c` for any
 * other model). `fallback: []` turns fallback off.
 */
export function pipelineGatewayOptions(pipeline: AnalyzedPipeline): PipelineGatewayOptions {
  const limits: Record<string, LaneLimitOptions> = {};
  for (const [model, limit] of Object.entries(pipeline.models.limits)) limits[model] = laneLimitsOf(limit);
  if (pipeline.spec.models?.fallback === undefined) return { limits };
  const list = pipeline.models.fallback;
  const chains: Record<string, readonly string[]> = {};
  for (const model of modelsUsedBy(pipeline)) {
    const position = list.indexOf(model);
    chains[model] = position < 0 ? [...list] : list.slice(position + 1);
  }
  return { limits, fallback: { chains } };
}

/** A file's limits for one model as the gateway takes them: `none` is `Infinity` there. */
function laneLimitsOf(limit: ModelLimitsSpec): LaneLimitOptions {
  const lane: LaneLimitOptions = {};
  if (limit.concurrency !== undefined) lane.concurrency = limit.concurrency;
  if (limit.rpm !== undefined) lane.rpm = limit.rpm === 'none' ? Number.POSITIVE_INFINITY : limit.rpm;
  if (limit.tpm !== undefined) lane.tpm = limit.tpm === 'none' ? Number.POSITIVE_INFINITY : limit.tpm;
  return lane;
}

/** Every model a pipeline may call: the default, each step's model and escalations, and the fallbacks. */
export function modelsUsedBy(pipeline: AnalyzedPipeline): string[] {
  const models = new Set<string>([pipeline.models.default]);
  const visit = (step: AnalyzedStep): void => {
    if (step.kind === 'llm' || step.kind === 'agent') {
      models.add(step.model);
      for (const model of step.escalate ?? []) models.add(model);
    } else if (step.kind === 'map') {
      step.body.forEach(visit);
    } else if (step.kind === 'parallel') {
      step.steps.forEach(visit);
    } else if (step.kind === 'branch') {
      step.whenTrue.forEach(visit);
      step.whenFalse?.forEach(visit);
    }
  };
  pipeline.steps.forEach(visit);
  for (const model of pipeline.models.fallback) models.add(model);
  return [...models];
}
