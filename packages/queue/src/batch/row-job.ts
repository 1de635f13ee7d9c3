import { createHash } from 'node:crypto';
import type { ServedCall } from '@tokenflow/core/gateway';

/** The BullMQ queue every batch's rows go through (its keys: `tokenflow:rows:*`). */
export const rowQueueName = 'rows';
/** BullMQ's key prefix for tokenflow's queues: everything stays under `tokenflow:`. */
export const bullPrefix = 'tokenflow';

/** A row job: one input row of one batch. */
export interface RowJobData {
  kind: 'tokenflow-row';
  /** The job format; a worker refuses formats it does not know. */
  version: 1;
  /** The batch and its generation (`<batch key>g<n>`; `--restart` starts a new generation). */
  batchId: string;
  rowId: string | number;
  line: number;
  index: number;
  row: unknown;
}

/** What a worker returns for a row: the pipeline's output, or the row's error, with the calls it made. */
export type RowJobResult =
  | { ok: true; output: unknown; calls: ServedCall[] }
  | { ok: false; error: { code: string; message: string; kind?: string | undefined }; calls: ServedCall[] };

/**
 * The job id of a row: the batch generation plus a hash of the row id and the row's content. Adding the
 * same row of the same batch twice adds nothing (BullMQ keeps one job per id), so a submitter that died and
 * runs again re-attaches to the jobs it had added; a row whose content changed is a new job.
 */
export function rowJobId(batchId: string, rowId: string | number, row: unknown): string {
  const hash = createHash('sha256').update(`${String(rowId)}\n${JSON.stringify(row) ?? ''}`);
  return `${batchId}-${hash.digest('hex').slice(0, 24)}`;
}

/** Reads a job's data as a row job, or says what is wrong with it (a foreign or damaged job). */
export function parseRowJob(
  data: unknown,
): { ok: true; job: RowJobData } | { ok: false; reason: string; batchId?: string } {
  if (typeof data !== 'object' || data === null)
    return { ok: false, reason: 'the job data is not an object' };
  const job = data as Partial<RowJobData>;
  const batchId =
    typeof job.batchId === 'string' && /^[0-9a-f]{16}g\d+$/.test(job.batchId) ? job.batchId : undefined;
  if (job.kind !== 'tokenflow-row') {
    return {
      ok: false,
      reason: `the job is not a tokenflow row (kind ${JSON.stringify(job.kind)})`,
      ...(batchId ? { batchId } : {}),
    };
  }
  if (job.version !== 1) {
    return {
      ok: false,
      reason: `the row job has format version ${JSON.stringify(job.version)}; this worker reads version 1 (upgrade the worker)`,
      ...(batchId ? { batchId } : {}),
    };
  }
  if (!batchId) return { ok: false, reason: 'the row job has no valid batchId' };
  const problems: string[] = [];
  if (typeof job.rowId !== 'string' && typeof job.rowId !== 'number')
    problems.push('rowId is not a string or number');
  if (!Number.isInteger(job.line)) problems.push('line is not an integer');
  if (!Number.isInteger(job.index)) problems.push('index is not an integer');
  if (!('row' in job)) problems.push('row is missing');
  if (problems.length > 0)
    return { ok: false, reason: `the row job is malformed: ${problems.join(', ')}`, batchId };
  return { ok: true, job: job as RowJobData };
}
