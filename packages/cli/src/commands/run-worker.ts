import { redactRedisUrl, startWorker } from '@tokenflow/queue';
import { builtinTools } from '@tokenflow/tools';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';
import { connectTokenOff } from '../support/tokenoff-connection.js';

/** Runs a worker until SIGTERM/SIGINT; resolves to the exit code once it has stopped. */
export async function runWorker(
  io: CliIo,
  flags: { queue: string; concurrency: number; lockDuration: number },
): Promise<ExitCode> {
  const connection = await connectTokenOff(io);
  let lastRedisError = '';
  let stopped: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker({
      queue: flags.queue,
      concurrency: flags.concurrency,
      lockDurationMs: flags.lockDuration,
      tools: builtinTools,
      gateway: { apiKey: connection.apiKey, baseUrl: connection.baseUrl },
      onEvent: (event) => {
        if (event.type === 'batch-refused')
          io.stderr.write(`tokenflow worker: refusing batch ${event.batchId}: ${event.message}\n`);
        if (event.type === 'job-rejected')
          io.stderr.write(`tokenflow worker: job ${event.jobId} rejected: ${event.reason}\n`);
        if (event.type === 'redis-error' && event.message !== lastRedisError) {
          lastRedisError = event.message;
          io.stderr.write(`tokenflow worker: Redis unreachable (${event.message}); retrying.\n`);
        }
      },
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  io.stderr.write(
    `tokenflow worker ${worker.name}: ready on ${redactRedisUrl(flags.queue)}, running up to ${flags.concurrency} rows at once. SIGTERM or Ctrl-C stops it.\n`,
  );
  let interrupts = 0;
  io.onInterrupt?.(() => {
    interrupts += 1;
    if (interrupts === 1) {
      io.stderr.write('tokenflow worker: stopping: no new rows; finishing the rows in hand.\n');
      void worker.close().then(stopped);
    } else {
      io.stderr.write('tokenflow worker: giving the rows in hand back to the queue now.\n');
      void worker.close({ force: true }).then(stopped);
    }
  });
  await stop;
  await connection.close();
  io.stderr.write('tokenflow worker: stopped.\n');
  return exitCodes.ok;
}
