import { createHash } from 'node:crypto';
import { stableStringify } from '../cache/stable-stringify.js';
import { mapChildSteps } from './child-steps.js';
import type { PipelineSpec } from './pipeline-spec.js';

/**
 * A stable hash of what a pipeline does: the checked spec as stable JSON (`stableStringify`: keys sorted, so
 * formatting, comments, key order and YAML anchors do not matter). Left out because they change nothing
 * a run does: `$schema` and the `description` of the pipeline and of its steps (descriptions inside an
 * `output_schema` do count: the model sees them). The batch runner stores it in its journal to notice a
 * pipeline that changed between runs. Format: `sha256:<hex>`.
 */
export function pipelineFingerprint(spec: PipelineSpec): string {
  const { $schema: _editorSchema, description: _description, ...rest } = spec;
  const normalized = { ...rest, steps: rest.steps.map(withoutDescriptions) };
  const hash = createHash('sha256').update(`tokenflow-pipeline-v1\n${stableStringify(normalized)}`);
  return `sha256:${hash.digest('hex')}`;
}

function withoutDescriptions(step: object): object {
  const { description: _description, ...rest } = mapChildSteps(step, withoutDescriptions);
  return rest;
}
