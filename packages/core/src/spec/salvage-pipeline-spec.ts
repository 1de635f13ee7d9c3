import type { z } from 'zod';
import { childStepsOf } from './child-steps.js';
import type { PipelineSpec, StepSpec } from './pipeline-spec.js';
import { inputSpecSchema, modelsSpecSchema, stepSpecSchema } from './pipeline-spec-schema.js';

/** A step that failed the structural check, kept so that references to it are not reported twice. */
export interface OpaqueStep {
  readonly id: string;
  /** Ids of steps written inside it (a map, parallel or branch), visible after it. */
  readonly innerIds: readonly string[];
}

/** The parts of a file that passed the structural check, for checking references even when some did not. */
export interface SalvagedPipelineSpec {
  readonly spec: PipelineSpec;
  /** Placeholders standing for steps that failed, by object identity. */
  readonly opaque: ReadonlyMap<StepSpec, OpaqueStep>;
}

/**
 * Keeps whatever parts of a structurally invalid file are valid on their own (each step, `models`,
 * `input`), so that one typo does not hide the reference errors elsewhere. Steps that fail become
 * opaque placeholders whose results are of unknown shape. Returns `undefined` when `steps` is not a list.
 */
export function salvagePipelineSpec(raw: unknown): SalvagedPipelineSpec | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  if (!Array.isArray(record.steps)) return undefined;
  const opaque = new Map<StepSpec, OpaqueStep>();
  const steps = record.steps.map((step, index): StepSpec => {
    const parsed = stepSpecSchema.safeParse(step);
    if (parsed.success) return parsed.data;
    // A misspelled key is reported already; without it the step may be whole, and its templates checkable.
    const withoutUnknownKeys = stepSpecSchema.safeParse(removeUnknownKeys(step, parsed.error.issues));
    if (withoutUnknownKeys.success) return withoutUnknownKeys.data;
    const id = idOf(step) ?? `#${index + 1}`;
    const placeholder = { id, kind: 'tool', tool: '' } as const satisfies StepSpec;
    opaque.set(placeholder, { id, innerIds: innerIdsOf(step).filter((inner) => inner !== id) });
    return placeholder;
  });
  const models = modelsSpecSchema.safeParse(record.models);
  const input = inputSpecSchema.safeParse(record.input);
  const spec: PipelineSpec = {
    name: typeof record.name === 'string' ? record.name : 'pipeline',
    steps,
    ...(models.success ? { models: models.data } : {}),
    ...(input.success ? { input: input.data } : {}),
    ...(record.output === undefined ? {} : { output: record.output }),
  };
  return { spec, opaque };
}

function removeUnknownKeys(value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(value);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let target: unknown = copy;
    for (const segment of issue.path)
      target = (target as Record<PropertyKey, unknown> | undefined)?.[segment];
    if (typeof target !== 'object' || target === null) continue;
    for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

function idOf(value: unknown): string | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function innerIdsOf(value: unknown, depth = 0): string[] {
  if (depth > 64) return [];
  return childStepsOf(value).flatMap(({ step }) => {
    const id = idOf(step);
    return [...(id === undefined ? [] : [id]), ...innerIdsOf(step, depth + 1)];
  });
}
