import {
  createGateway,
  defaultFallbackChains,
  defaultModelCatalog,
  type LaneLimitOptions,
  type LoadedPipeline,
  type ModelGateway,
} from '@tokenflow/core';
import type { TokenOffConnection } from './tokenoff-connection.js';

/**
 * The gateway a YAML pipeline asks for: its per-model limits, and its fallback chain for its default
 * model (other models keep the catalog's default chains). `concurrency` caps every lane.
 */
export function pipelineGateway(
  pipeline: LoadedPipeline,
  connection: TokenOffConnection,
  options: { concurrency?: number } = {},
): ModelGateway {
  const chains: Record<string, readonly string[]> = defaultFallbackChains(defaultModelCatalog);
  if (pipeline.models.fallback.length > 0) chains[pipeline.models.default] = pipeline.models.fallback;
  const limits: Record<string, LaneLimitOptions> = {};
  for (const [model, spec] of Object.entries(pipeline.models.limits)) {
    limits[model] = {
      ...(spec.rpm === undefined ? {} : { rpm: spec.rpm }),
      ...(spec.tpm === undefined ? {} : { tpm: spec.tpm }),
      ...(spec.concurrency === undefined ? {} : { concurrency: spec.concurrency }),
    };
  }
  if (options.concurrency !== undefined) {
    for (const model of Object.keys(defaultModelCatalog)) {
      const current = limits[model]?.concurrency;
      limits[model] = {
        ...limits[model],
        concurrency: Math.min(current ?? options.concurrency, options.concurrency),
      };
    }
  }
  return createGateway({
    apiKey: connection.apiKey,
    baseUrl: connection.baseUrl,
    limits,
    fallback: { chains },
  });
}
