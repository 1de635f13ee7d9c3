import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BatchController, type BatchSummary } from '@tokenflow/core';
import { detectInputFormat } from '@tokenflow/core/batch';
import { redactRedisUrl, runQueuedBatch } from '@tokenflow/queue';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';
import { formatSummary } from '../run/format-summary.js';
import { chooseReporter } from '../run/progress-reporter.js';
import { loadPipelineOrExplain, requireFile } from './load-pipeline-or-explain.js';
import type { RunFlags } from './run-pipeline-file.js';

/**
 * `tokenflow run ... --queue URL`: this process submits the batch and follows it; workers
 * (`tokenflow worker --queue URL`) run the rows. The files, journal, progress and summary are those of a
 * local run; running the same command again after this process died re-attaches to the queued rows.
 */
export async function runQueuedPipelineFile(
  io: CliIo,
  pipelinePath: string,
  flags: RunFlags,
  queue: string,
): Promise<ExitCode> {
  if (flags.resume && flags.restart) {
    io.stderr.write('tokenflow run: --resume and --restart contradict each other; pick one.\n');
    return exitCodes.usage;
  }
  if (flags.dryRun || flags.emulatorFaults !== undefined) {
    io.stderr.write(
      'tokenflow run: --dry-run and --emulator-faults run on this machine; leave out --queue for them.\n',
    );
    return exitCodes.usage;
  }
  const pipeline = await loadPipelineOrExplain(pipelinePath, io.cwd);
  const input = await requireFile(flags.input, '--input', io.cwd);
  const output = resolve(io.cwd, flags.output);
  const format = detectInputFormat(input, flags.format);
  await mkdir(dirname(output), { recursive: true });
  const reporter = chooseReporter(io, flags);
  const controller = new BatchController();
  let interrupts = 0;
  io.onInterrupt?.(() => {
    interrupts += 1;
    if (controller.interrupt() === 'stop') {
      reporter.note(
        'Stopping: no new rows are queued; waiting for the rows on workers. Press Ctrl-C again to stop now (queued rows stay queued; run the same command to re-attach).',
      );
    } else {
      reporter.note('Stopped following the run; queued rows stay queued. Run the same command to re-attach.');
    }
  });
  let lastRedisError = '';
  let summary: BatchSummary;
  try {
    summary = await runQueuedBatch({
      queue,
      pipeline,
      input: {
        path: input,
        format,
        ...(pipeline.input.idField === undefined ? {} : { idField: pipeline.input.idField }),
      },
      output,
      ...(flags.errors === undefined ? {} : { errors: resolve(io.cwd, flags.errors) }),
      // --concurrency is how many rows wait in the queue per submitter here; workers set their own.
      concurrency: Math.max(flags.concurrency, 256),
      ...(flags.maxCost === undefined ? {} : { maxCostUsd: flags.maxCost }),
      restart: flags.restart === true,
      allowChanged: flags.allowChanged === true,
      durability: { fsync: flags.fsync },
      onEvent: (event) => {
        if (event.type === 'batch-start') {
          reporter.note(
            `Rows are queued on ${redactRedisUrl(queue)}; workers run them (tokenflow worker --queue <url>).`,
          );
        }
        reporter.onEvent(event);
      },
      onRedisError: (error) => {
        if (error.message === lastRedisError) return;
        lastRedisError = error.message;
        reporter.note(
          `Redis at ${redactRedisUrl(queue)} is unreachable (${error.message}); waiting for it to come back.`,
        );
      },
      signal: controller.signal,
      stopSignal: controller.stopSignal,
    });
  } finally {
    reporter.close();
  }
  if (flags.json !== true) io.stderr.write(formatSummary(summary));
  if (summary.stopReason === 'stopped' || summary.stopReason === 'aborted' || interrupts > 0) {
    return exitCodes.interrupted;
  }
  if (summary.stopReason === 'budget-reached' || summary.rows.failed > 0) return exitCodes.rowsFailed;
  return exitCodes.ok;
}
