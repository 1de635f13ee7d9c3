import { resolve } from 'node:path';
import { type BatchClock, systemBatchClock } from './batch-clock.js';
import { BatchError } from './batch-error.js';
import { defaultSecrets } from './default-secrets.js';
import { detectInputFormat, type InputFormat } from './input-format.js';
import type { BatchInputOptions, RunBatchOptions } from './run-batch-options.js';

/** {@link RunBatchOptions} checked and with every default filled in. */
export interface ResolvedBatchOptions<Row, Output> {
  input: BatchInputOptions<Row> & { format: InputFormat };
  output: string;
  errors: string;
  journal: string;
  process: RunBatchOptions<Row, Output>['process'];
  concurrency: number;
  window: number;
  maxSpan: number;
  maxCostUsd: number | undefined;
  fingerprint: string | undefined;
  restart: boolean;
  allowChanged: boolean;
  countRows: boolean;
  fsync: boolean;
  gracePeriodMs: number;
  onEvent: RunBatchOptions<Row, Output>['onEvent'];
  signal: AbortSignal | undefined;
  stopSignal: AbortSignal | undefined;
  clock: BatchClock;
  secrets: readonly string[];
}

export function resolveBatchOptions<Row, Output>(
  options: RunBatchOptions<Row, Output>,
): ResolvedBatchOptions<Row, Output> {
  const input = typeof options.input === 'string' ? { path: options.input } : options.input;
  if (!input || typeof input.path !== 'string' || input.path === '') {
    throw invalid('input', 'a file path (or { path })', input);
  }
  if (typeof options.output !== 'string' || options.output === '') {
    throw invalid('output', 'a file path', options.output);
  }
  if (typeof options.process !== 'function') throw invalid('process', 'a function', options.process);
  const concurrency = options.concurrency ?? 8;
  checkCount('concurrency', concurrency);
  const window = options.limits?.window ?? 2 * concurrency;
  checkCount('limits.window', window);
  if (window < concurrency)
    throw invalid('limits.window', `a number from \`concurrency\` (${concurrency}) up`, window);
  const maxSpan = options.limits?.maxSpan ?? 10_000;
  checkCount('limits.maxSpan', maxSpan);
  if (options.maxCostUsd !== undefined && !(Number.isFinite(options.maxCostUsd) && options.maxCostUsd >= 0)) {
    throw invalid('maxCostUsd', 'a number from 0 up', options.maxCostUsd);
  }
  const gracePeriodMs = options.stop?.gracePeriodMs ?? 30_000;
  if (!(Number.isFinite(gracePeriodMs) && gracePeriodMs >= 0)) {
    throw invalid('stop.gracePeriodMs', 'a number from 0 up', gracePeriodMs);
  }
  const base = options.output.replace(/\.jsonl$/i, '');
  const errors = options.errors ?? `${base}.errors.jsonl`;
  const journal = options.journal ?? `${base}.journal.jsonl`;
  const paths = [input.path, options.output, errors, journal];
  if (new Set(paths.map((path) => resolve(path))).size !== paths.length) {
    throw new BatchError(
      'batch-invalid-options',
      `The input, output, errors and journal files must be four different files, got ${paths.join(', ')}`,
    );
  }
  return {
    input: { ...input, format: detectInputFormat(input.path, input.format) },
    output: options.output,
    errors,
    journal,
    process: options.process,
    concurrency,
    window,
    maxSpan,
    maxCostUsd: options.maxCostUsd,
    fingerprint: options.fingerprint,
    restart: options.restart ?? false,
    allowChanged: options.allowChanged ?? false,
    countRows: options.countRows ?? true,
    fsync: options.durability?.fsync ?? true,
    gracePeriodMs,
    onEvent: options.onEvent,
    signal: options.signal,
    stopSignal: options.stopSignal,
    clock: options.clock ?? systemBatchClock,
    secrets: options.secrets ?? defaultSecrets(),
  };
}

function checkCount(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(name, 'a whole number from 1 up', value);
  }
}

function invalid(name: string, expected: string, value: unknown): BatchError {
  const shown = typeof value === 'function' ? 'a function' : `\`${String(value)}\` (${typeof value})`;
  return new BatchError('batch-invalid-options', `Expected \`${name}\` to be ${expected}, got ${shown}`);
}
