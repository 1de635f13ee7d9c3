import { type DurationSpec, type FaultName, faultNames, type ModelFaults } from './fault-config.js';

/** What the seeded generator decided for one request. */
export interface FaultDraw {
  /** A random server error to answer with, from `errorRates`. */
  errorStatus?: 500 | 503 | 504;
  /** A one-off fault from `rates` (the first drawn, in `faultNames` order). */
  fault?: FaultName;
  firstByteMs: number;
  /** Delay before the chunk at `index` (1 and up); drawn lazily, one draw per chunk. */
  chunkDelayMs(index: number): number;
}

function drawDuration(spec: DurationSpec | undefined, random: () => number): number {
  if (spec === undefined) return 0;
  if (typeof spec === 'number') return spec;
  return spec.min + Math.floor(random() * (spec.max - spec.min + 1));
}

/**
 * Draws every random choice of one request in a fixed order (errors 500, 503, 504, then each one-off
 * fault, then latency), whatever is configured, so the same seed replays the same faults.
 */
export function drawFaults(faults: ModelFaults | undefined, random: () => number): FaultDraw {
  const draw: FaultDraw = { firstByteMs: 0, chunkDelayMs: () => 0 };
  for (const status of ['500', '503', '504'] as const) {
    const roll = random();
    if (draw.errorStatus === undefined && roll < (faults?.errorRates?.[status] ?? 0)) {
      draw.errorStatus = Number(status) as 500 | 503 | 504;
    }
  }
  for (const name of faultNames) {
    const roll = random();
    if (draw.fault === undefined && roll < (faults?.rates?.[name] ?? 0)) draw.fault = name;
  }
  const latencyRoll = random;
  draw.firstByteMs = drawDuration(faults?.latency?.firstByteMs, latencyRoll);
  const perChunk = faults?.latency?.perChunkMs;
  draw.chunkDelayMs = () => drawDuration(perChunk, latencyRoll);
  return draw;
}
