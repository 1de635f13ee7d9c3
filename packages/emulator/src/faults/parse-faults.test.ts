import { describe, expect, it } from 'vitest';
import { parseFaultsByModel, parseFaultsFile } from './parse-faults.js';

describe('parseFaultsFile', () => {
  it('accepts every documented setting', () => {
    const file = parseFaultsFile(
      {
        seed: 3,
        models: {
          '*': { latency: { firstByteMs: { min: 1, max: 5 }, perChunkMs: 2 } },
          'gemini-2.5-pro': {
            quota: {
              requestsPerMinute: 5,
              tokensPerMinute: 1000,
              requestsPerDay: 50,
              tier: 'free',
              retryAfterHeader: true,
            },
            maxConcurrent: 2,
            errorRates: { '500': 0.1, '503': 0.2, '504': 0 },
            rates: { midStreamError: 0.5, stall: 0 },
          },
        },
      },
      'faults.json',
    );
    expect(file.seed).toBe(3);
    expect(file.models['gemini-2.5-pro']?.quota?.tier).toBe('free');
  });

  it.each([
    [
      { models: { m: { rates: { stall: 2 } } } },
      'faults.json: models["m"].rates.stall: expected a probability from 0 to 1, got `2` (number)',
    ],
    [
      { models: { m: { latency: { firstByteMs: -1 } } } },
      'models["m"].latency.firstByteMs: expected milliseconds',
    ],
    [
      { models: { m: { latency: { firstByteMs: { min: 9, max: 3 } } } } },
      '.firstByteMs.max: expected milliseconds from 9 (min)',
    ],
    [
      { models: { m: { quota: { requestsPerMinute: 1.5 } } } },
      'quota.requestsPerMinute: expected a whole number',
    ],
    [
      { models: { m: { quota: { dayTimeZone: 'Mars/Olympus' } } } },
      'quota.dayTimeZone: expected an IANA time zone',
    ],
    [
      { models: { m: { errorRates: { '502': 1 } } } },
      'errorRates.502: unknown setting; expected one of "500", "503", "504"',
    ],
    [{ model: {} }, 'faults.json.model: unknown setting; expected one of "seed", "models"'],
    [[], 'faults.json: expected an object, got `[]` (array)'],
  ])('names the field and what it expects (%#)', (value, message) => {
    expect(() => parseFaultsFile(value, 'faults.json')).toThrow(message);
  });

  it('refuses a model key the emulator does not serve when it knows the models', () => {
    expect(() => parseFaultsByModel({ 'gemini-2.5-prp': {} }, 'faults', ['gemini-2.5-pro'])).toThrow(
      'faults["gemini-2.5-prp"]: not a model this emulator serves; expected "*" or one of "gemini-2.5-pro"',
    );
  });
});
