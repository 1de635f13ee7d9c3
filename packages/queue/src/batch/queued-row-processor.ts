import type { RowProcessor } from '@tokenflow/core/batch';
import { Job, type Queue, type QueueEvents } from 'bullmq';
import { QueuedRowError } from './queued-row-error.js';
import { type RowJobData, type RowJobResult, rowJobId } from './row-job.js';

/** How finished jobs are kept: long enough for a submitter that died to re-attach and collect them. */
export const keepFinishedJobs = { age: 7 * 24 * 3_600 };

/** What a submitter's row processor needs. */
export interface QueuedRowProcessorOptions {
  queue: Queue;
  /** The queue's event stream, to hear when a job finishes. */
  events: QueueEvents;
  batchId: string;
  /**
   * Attempts of a row's job when a worker dies or stalls with it (BullMQ moves a stalled job back to the
   * queue; this bounds how often).
   * @default 5
   */
  attempts?: number;
}

/**
 * A row processor that runs each row on whichever worker takes its job: it adds the job (an idempotent id,
 * so a row added before by a run that died is not added again), waits for it to finish, and returns the
 * worker's output or throws its error. The submitting process's `runBatch` writes the files and the journal
 * as for a local run, so each row appears once in the output whatever happens to workers.
 */
export function queuedRowProcessor(options: QueuedRowProcessorOptions): RowProcessor<unknown, unknown> {
  const { queue, events, batchId } = options;
  return async (row, { signal, rowId, line, index }) => {
    const data: RowJobData = { kind: 'tokenflow-row', version: 1, batchId, rowId, line, index, row };
    const jobId = rowJobId(batchId, rowId, row);
    signal.throwIfAborted();
    const job =
      (await Job.fromId<RowJobData, RowJobResult>(queue, jobId)) ??
      (await queue.add('row', data, {
        jobId,
        attempts: options.attempts ?? 5,
        backoff: { type: 'fixed', delay: 1_000 },
        removeOnComplete: keepFinishedJobs,
        removeOnFail: keepFinishedJobs,
      }));
    let result: RowJobResult;
    try {
      result = await raceAbort(job.waitUntilFinished(events) as Promise<RowJobResult>, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      // The job itself failed (not the row's pipeline: workers report those as results).
      throw new QueuedRowError(
        'queue_job_failed',
        `The queue job of row ${String(rowId)} failed on the workers: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    if (result.ok) return { output: result.output, calls: result.calls };
    throw new QueuedRowError(result.error.code, result.error.message, {
      kind: result.error.kind,
      calls: result.calls,
    });
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
