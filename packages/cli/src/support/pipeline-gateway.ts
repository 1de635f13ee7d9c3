import { createGateway, type LoadedPipeline, type ModelGateway } from '@tokenflow/core';
import type { LaneLimitOptions } from '@tokenflow/core/gateway';
import { defaultModelCatalog } from '@tokenflow/core/models';
import type { TokenOffConnection } from './tokenoff-connection.js';

/**
 * The gateway a YAML pipeline asks for (its `models` limits and fallback chains, from
 * `loaded.gatewayOptions`), with `concurrency` capping every model's lane as `--concurrency` promises.
 */
export function pipelineGateway(
  pipeline: LoadedPipeline,
  connection: TokenOffConnection,
  options: { concurrency?: number } = {},
): ModelGateway {
  const { limits: fileLimits, fallback } = pipeline.gatewayOptions;
  const limits: Record<string, LaneLimitOptions> = { ...fileLimits };
  if (options.concurrency !== undefined) {
    for (const model of new Set([...Object.keys(defaultModelCatalog), ...Object.keys(limits)])) {
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
    ...(fallback === undefined ? {} : { fallback }),
  });
}
