import { BatchTelemetry } from '../telemetry/batch-telemetry.js';
import { BatchRun } from './batch-run.js';
import type { BatchSummary } from './batch-summary.js';
import { readInputIdentity } from './input-identity.js';
import { openBatchFiles } from './open-batch-files.js';
import { type ResolvedBatchOptions, resolveBatchOptions } from './resolve-batch-options.js';
import type { RunBatchOptions } from './run-batch-options.js';

/**
 * Runs `process` over every row of a JSONL or CSV file, resumably.
 *
 * - Output: one JSONL line per successful row, `{ id, line, output, meta }`, in completion order (not
 *   input order: a slow row does not hold back the others). Failed rows, bad input lines included, go to
 *   the errors file as `{ id, line, error: { code, message }, meta? }`. See `BatchOutputLine` and
 *   `BatchErrorLine`.
 * - Durability: rows are committed in groups: output and errors lines are written and synced first,
 *   then a journal line naming those rows; a row is finished only once that journal line is on disk.
 * - Resume: running again with the same options skips finished rows, cuts the files back to the last
 *   commit (repairing torn lines), and runs the rest. Rows that were in flight when the previous run died
 *   run again: at most `limits.window` per crash.
 * - Stop: `stopSignal` stops taking rows and lets in-flight ones finish (cancelled after
 *   `stop.gracePeriodMs`); `signal` cancels them now. Either way the batch stays resumable.
 *
 * Throws a `BatchError` when the run cannot start (bad options, unreadable input, a changed pipeline or
 * input, a foreign output file, a locked batch) or cannot go on (a write fails); everything committed
 * before that stays committed.
 *
 * @example
 * const summary = await runBatch({
 *   input: { path: 'reviews.jsonl', idField: 'id' },
 *   output: 'out/reviews.jsonl',
 *   process: async (row, { signal }) => ({ output: await summarise(row, signal) }),
 *   concurrency: 16,
 *   maxCostUsd: 5,
 * });
 */
export async function runBatch<Row = Record<string, unknown>, Output = unknown>(
  options: RunBatchOptions<Row, Output>,
): Promise<BatchSummary> {
  const resolved = resolveBatchOptions(options);
  const telemetry =
    options.telemetry === false
      ? undefined
      : new BatchTelemetry(options.telemetry ?? {}, { input: resolved.input.path });
  if (telemetry) resolved.process = telemetry.wrap(resolved.process);
  try {
    const summary = await runResolved(resolved);
    telemetry?.end({ summary });
    return summary;
  } catch (error) {
    telemetry?.end({ error });
    throw error;
  }
}

async function runResolved<Row, Output>(resolved: ResolvedBatchOptions<Row, Output>): Promise<BatchSummary> {
  const startedAtMs = resolved.clock.now();
  const identity = await readInputIdentity(resolved.input.path, resolved.input.format);
  const files = await openBatchFiles({
    outputPath: resolved.output,
    errorsPath: resolved.errors,
    journalPath: resolved.journal,
    input: identity,
    fingerprint: resolved.fingerprint,
    idField: resolved.input.idField,
    restart: resolved.restart,
    allowChanged: resolved.allowChanged,
    startedAt: new Date(startedAtMs).toISOString(),
    fsync: resolved.fsync,
  });
  try {
    return await new BatchRun(resolved, files).execute(startedAtMs);
  } finally {
    await files.close();
  }
}
