import { describe, expectTypeOf, it } from 'vitest';
import type { FaultName, FaultsByModel, ModelFaults } from '../faults/fault-config.js';
import type { ScriptEntry } from '../script/script-entry.js';
import type { EmulatorHandle, EmulatorOptions, RecordedRequest } from './emulator-options.js';
import type { startEmulator } from './start-emulator.js';

describe('public option types', () => {
  it('startEmulator takes optional options and resolves to a handle', () => {
    expectTypeOf<typeof startEmulator>().parameters.toEqualTypeOf<[options?: EmulatorOptions]>();
    expectTypeOf<ReturnType<typeof startEmulator>>().toEqualTypeOf<Promise<EmulatorHandle>>();
  });

  it('accepts the documented faults shape and refuses unknown settings', () => {
    const faults: FaultsByModel = {
      '*': { latency: { firstByteMs: { min: 1, max: 5 }, perChunkMs: 2 } },
      'gemini-2.5-pro': {
        quota: {
          requestsPerMinute: 5,
          tokensPerMinute: 1000,
          requestsPerDay: 10,
          tier: 'free',
          retryAfterHeader: true,
        },
        maxConcurrent: 2,
        errorRates: { '503': 0.1 },
        rates: { midStreamError: 0.5 },
      },
    };
    expectTypeOf(faults).toExtend<Record<string, ModelFaults>>();
    // @ts-expect-error a misspelt fault name is a compile error
    const typo: ModelFaults = { rates: { stal: 1 } };
    void typo;
    // @ts-expect-error only 500, 503 and 504 can be drawn at random
    const status: ModelFaults = { errorRates: { '502': 1 } };
    void status;
  });

  it('types script entries and fault names', () => {
    expectTypeOf<ScriptEntry['fault']>().toEqualTypeOf<FaultName | undefined>();
    expectTypeOf<ScriptEntry['prompt']>().toEqualTypeOf<string | RegExp | undefined>();
    expectTypeOf<RecordedRequest['apiKeySource']>().toEqualTypeOf<
      'x-goog-api-key' | 'query' | 'bearer' | undefined
    >();
  });
});
