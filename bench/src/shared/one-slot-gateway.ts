import { createGateway, type GatewayOptions } from '@tokenflow/core';

/**
 * The gateway the per-call benchmarks measure: one slot for `model`, no RPM/TPM window (`Infinity`: no
 * quota, so no pacing either), no fallback, so a call's cost is the gateway's own and not a wait. `extra`
 * adds options (pacing off, a model factory, ...).
 */
export function oneSlotGateway(baseUrl: string, model: string, extra: Partial<GatewayOptions> = {}) {
  return createGateway({
    apiKey: 'bench-key',
    baseUrl,
    limits: { [model]: { concurrency: 1, rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY } },
    fallback: false,
    ...extra,
  });
}
