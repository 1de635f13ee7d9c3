import { EmulatorConfigError } from './emulator-config-error.js';
import {
  type DurationSpec,
  type FaultName,
  type FaultsByModel,
  type FaultsFile,
  faultNames,
  type ModelFaults,
  type QuotaFaults,
} from './fault-config.js';

function describe(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  return `\`${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}\` (${type})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new EmulatorConfigError(path, `expected an object, got ${describe(value)}`);
  return value;
}

function expectKnownKeys(record: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      throw new EmulatorConfigError(
        `${path}.${key}`,
        `unknown setting; expected one of ${known.map((name) => `"${name}"`).join(', ')}`,
      );
    }
  }
}

function expectNumber(value: unknown, path: string, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new EmulatorConfigError(path, `expected ${what}, got ${describe(value)}`);
  }
  return value;
}

function parseDuration(value: unknown, path: string): DurationSpec {
  const what = 'milliseconds from 0 to 3600000, or {"min": ms, "max": ms}';
  if (typeof value === 'number') return expectNumber(value, path, 0, 3_600_000, what);
  const range = expectRecord(value, path);
  expectKnownKeys(range, ['min', 'max'], path);
  const min = expectNumber(range.min, `${path}.min`, 0, 3_600_000, 'milliseconds from 0 to 3600000');
  const max = expectNumber(
    range.max,
    `${path}.max`,
    min,
    3_600_000,
    `milliseconds from ${min} (min) to 3600000`,
  );
  return { min, max };
}

function parseQuota(value: unknown, path: string): QuotaFaults {
  const record = expectRecord(value, path);
  const keys = [
    'requestsPerMinute',
    'tokensPerMinute',
    'requestsPerDay',
    'dayTimeZone',
    'tier',
    'retryAfterHeader',
  ];
  expectKnownKeys(record, keys, path);
  const quota: QuotaFaults = {};
  for (const key of ['requestsPerMinute', 'tokensPerMinute', 'requestsPerDay'] as const) {
    if (record[key] === undefined) continue;
    const limit = expectNumber(
      record[key],
      `${path}.${key}`,
      1,
      Number.MAX_SAFE_INTEGER,
      'a whole number from 1 up',
    );
    if (!Number.isInteger(limit))
      throw new EmulatorConfigError(`${path}.${key}`, `expected a whole number, got ${limit}`);
    quota[key] = limit;
  }
  if (record.dayTimeZone !== undefined) {
    const zone = record.dayTimeZone;
    try {
      if (typeof zone !== 'string') throw new TypeError('not a string');
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      throw new EmulatorConfigError(
        `${path}.dayTimeZone`,
        `expected an IANA time zone such as "America/Los_Angeles", got ${describe(zone)}`,
      );
    }
    quota.dayTimeZone = zone;
  }
  if (record.tier !== undefined) {
    if (record.tier !== 'free' && record.tier !== 'paid') {
      throw new EmulatorConfigError(
        `${path}.tier`,
        `expected "free" or "paid", got ${describe(record.tier)}`,
      );
    }
    quota.tier = record.tier;
  }
  if (record.retryAfterHeader !== undefined) {
    if (typeof record.retryAfterHeader !== 'boolean') {
      throw new EmulatorConfigError(
        `${path}.retryAfterHeader`,
        `expected true or false, got ${describe(record.retryAfterHeader)}`,
      );
    }
    quota.retryAfterHeader = record.retryAfterHeader;
  }
  return quota;
}

/** Checks one model's faults, naming the bad field and what it expects. */
export function parseModelFaults(value: unknown, path: string): ModelFaults {
  const record = expectRecord(value, path);
  expectKnownKeys(record, ['latency', 'quota', 'maxConcurrent', 'errorRates', 'rates'], path);
  const faults: ModelFaults = {};
  if (record.latency !== undefined) {
    const latency = expectRecord(record.latency, `${path}.latency`);
    expectKnownKeys(latency, ['firstByteMs', 'perChunkMs'], `${path}.latency`);
    faults.latency = {};
    if (latency.firstByteMs !== undefined)
      faults.latency.firstByteMs = parseDuration(latency.firstByteMs, `${path}.latency.firstByteMs`);
    if (latency.perChunkMs !== undefined)
      faults.latency.perChunkMs = parseDuration(latency.perChunkMs, `${path}.latency.perChunkMs`);
  }
  if (record.quota !== undefined) faults.quota = parseQuota(record.quota, `${path}.quota`);
  if (record.maxConcurrent !== undefined) {
    const max = expectNumber(
      record.maxConcurrent,
      `${path}.maxConcurrent`,
      0,
      1_000_000,
      'a whole number from 0 up',
    );
    if (!Number.isInteger(max))
      throw new EmulatorConfigError(`${path}.maxConcurrent`, `expected a whole number, got ${max}`);
    faults.maxConcurrent = max;
  }
  if (record.errorRates !== undefined) {
    const rates = expectRecord(record.errorRates, `${path}.errorRates`);
    expectKnownKeys(rates, ['500', '503', '504'], `${path}.errorRates`);
    faults.errorRates = {};
    for (const status of ['500', '503', '504'] as const) {
      if (rates[status] === undefined) continue;
      faults.errorRates[status] = expectNumber(
        rates[status],
        `${path}.errorRates.${status}`,
        0,
        1,
        'a probability from 0 to 1',
      );
    }
  }
  if (record.rates !== undefined) {
    const rates = expectRecord(record.rates, `${path}.rates`);
    expectKnownKeys(rates, faultNames, `${path}.rates`);
    const parsed: Partial<Record<FaultName, number>> = {};
    for (const name of faultNames) {
      if (rates[name] === undefined) continue;
      parsed[name] = expectNumber(rates[name], `${path}.rates.${name}`, 0, 1, 'a probability from 0 to 1');
    }
    faults.rates = parsed;
  }
  return faults;
}

/**
 * Checks faults per model (`{ "gemini-2.5-pro": {...}, "*": {...} }`). With `knownModels`, a key that
 * is neither `"*"` nor a known model id is refused, so a typo cannot silently disable a fault.
 */
export function parseFaultsByModel(
  value: unknown,
  path = 'faults',
  knownModels?: readonly string[],
): FaultsByModel {
  const record = expectRecord(value, path);
  const result: FaultsByModel = {};
  for (const [model, faults] of Object.entries(record)) {
    if (knownModels !== undefined && model !== '*' && !knownModels.includes(model)) {
      throw new EmulatorConfigError(
        `${path}[${JSON.stringify(model)}]`,
        `not a model this emulator serves; expected "*" or one of ${knownModels.map((id) => `"${id}"`).join(', ')}`,
      );
    }
    result[model] = parseModelFaults(faults, `${path}[${JSON.stringify(model)}]`);
  }
  return result;
}

/** Checks a whole faults file document (`{ "seed"?: n, "models": {...} }`). */
export function parseFaultsFile(value: unknown, path: string, knownModels?: readonly string[]): FaultsFile {
  const record = expectRecord(value, path);
  expectKnownKeys(record, ['seed', 'models'], path);
  const file: FaultsFile = {
    models: parseFaultsByModel(record.models ?? {}, `${path}: models`, knownModels),
  };
  if (record.seed !== undefined) {
    const seed = expectNumber(
      record.seed,
      `${path}: seed`,
      0,
      2 ** 32 - 1,
      'a whole number from 0 to 4294967295',
    );
    if (!Number.isInteger(seed))
      throw new EmulatorConfigError(`${path}: seed`, `expected a whole number, got ${seed}`);
    file.seed = seed;
  }
  return file;
}
