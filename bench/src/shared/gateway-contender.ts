/**
 * tokenflow's gateway as a user drives it: one gateway, `gateway.chatModel(model).invoke(row)` for every
 * row at once; the lane does the scheduling. `rpm` undefined means the user does not know the quota:
 * `limits: { rpm: 'unknown' }` sets the catalog's figure for the model aside (every benchmark model is in
 * the catalog), so the lane has no RPM window until a 429 names the quota, and paces until then
 * (`adaptive.pacing`); adaptive concurrency does the rest. `Infinity` says there is no per-minute quota
 * (no window, no pacing).
 */
import { setMaxListeners } from 'node:events';
import { createGateway, type GatewayOptions, type ModelGateway } from '@tokenflow/core';
import { describeError, type RowOutcome } from './bench-rows.js';

export interface GatewaySetup {
  url: string;
  model: string;
  concurrency: number;
  /** The quota the user tells the gateway; undefined for one it does not know (`rpm: 'unknown'`). */
  rpm?: number;
  /** Models after `model`; `false` for none. */
  fallback: readonly string[] | false;
  signal: AbortSignal;
  /** Counts gateway events by type (circuit events also by model), when given. */
  eventCounts?: Map<string, number>;
  /** `adaptive.pacing` (a lane whose RPM is unknown spreads its requests over the round trip); the gateway's default when undefined. */
  pacing?: boolean;
}

export function benchGateway(setup: Omit<GatewaySetup, 'signal'>): ModelGateway {
  const models = [setup.model, ...(setup.fallback === false ? [] : setup.fallback)];
  const limits: NonNullable<GatewayOptions['limits']> = {};
  for (const model of models) {
    limits[model] = {
      concurrency: setup.concurrency,
      rpm: setup.rpm ?? 'unknown',
      tpm: Number.POSITIVE_INFINITY,
    };
  }
  return createGateway({
    apiKey: 'bench-key',
    baseUrl: setup.url,
    limits,
    fallback: setup.fallback === false ? false : { chains: { [setup.model]: [...setup.fallback] } },
    ...(setup.pacing === undefined ? {} : { adaptive: { pacing: setup.pacing } }),
  });
}

export async function runGateway(prompts: readonly string[], setup: GatewaySetup): Promise<RowOutcome[]> {
  // every row listens to the one deadline signal
  setMaxListeners(0, setup.signal);
  const gateway = benchGateway(setup);
  const counts = setup.eventCounts;
  if (counts !== undefined) {
    gateway.on((event) => {
      const key =
        event.type === 'circuit-open'
          ? `circuit-open ${event.model} (${event.reason})`
          : event.type === 'circuit-close'
            ? `circuit-close ${event.model}`
            : event.type;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
  }
  const chat = gateway.chatModel(setup.model);
  const outcomes = await Promise.all(
    prompts.map(async (prompt): Promise<RowOutcome> => {
      try {
        await chat.invoke(prompt, { signal: setup.signal });
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          error: setup.signal.aborted ? 'not finished by the deadline' : describeError(error),
        };
      }
    }),
  );
  await gateway.close();
  return outcomes;
}
