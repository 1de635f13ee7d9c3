import { resolve } from 'node:path';
import { z } from 'zod';
import { firstOptionIssue, option } from '../errors/option-schema.js';
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

const filePath = 'a file path';

/** The checks of runBatch's options; the types say the rest (zod, as the rest of tokenflow). */
const batchOptionsSchema = z.looseObject({
  input: z.union([option.text(filePath), z.looseObject({ path: option.text(filePath) })], {
    error: 'a file path (or { path })',
  }),
  output: option.text(filePath),
  process: option.function('a function'),
  concurrency: option.wholeNumber(1).optional(),
  limits: z
    .looseObject({ window: option.wholeNumber(1).optional(), maxSpan: option.wholeNumber(1).optional() })
    .optional(),
  maxCostUsd: option.number(0).optional(),
  stop: z.looseObject({ gracePeriodMs: option.number(0).optional() }).optional(),
});

export function resolveBatchOptions<Row, Output>(
  options: RunBatchOptions<Row, Output>,
): ResolvedBatchOptions<Row, Output> {
  const issue = firstOptionIssue(batchOptionsSchema, options);
  if (issue !== undefined) throw invalid(issue.name, issue.expected, issue.value);
  const input = typeof options.input === 'string' ? { path: options.input } : options.input;
  const concurrency = options.concurrency ?? 8;
  const window = options.limits?.window ?? 2 * concurrency;
  if (window < concurrency)
    throw invalid('limits.window', `a number from \`concurrency\` (${concurrency}) up`, window);
  const maxSpan = options.limits?.maxSpan ?? 10_000;
  const gracePeriodMs = options.stop?.gracePeriodMs ?? 30_000;
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

function invalid(name: string, expected: string, value: unknown): BatchError {
  const shown = typeof value === 'function' ? 'a function' : `\`${String(value)}\` (${typeof value})`;
  return new BatchError('batch-invalid-options', `Expected \`${name}\` to be ${expected}, got ${shown}`);
}
