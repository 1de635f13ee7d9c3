import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { wholeNumber } from '../support/parse-options.js';

const examples = `
Examples:
  $ tokenflow worker --queue redis://127.0.0.1:6379
  $ tokenflow worker --queue redis://:password@redis.internal:6379 --concurrency 32

Runs rows of any batch submitted with \`tokenflow run ... --queue URL\`, as many workers on as many machines
as you start. Workers on one Redis share one rate governor and circuit state per API key.
SIGTERM or Ctrl-C: stop taking rows and finish those in hand; a second one gives them back to the queue now.
Without TOKENOFF_API_KEY the worker calls a built-in emulator (offline, simulated answers).`;

/** `tokenflow worker`: runs queued rows until stopped. */
export function workerCommand(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  return new Command('worker')
    .description('Run rows of batches queued in Redis (tokenflow run --queue), until stopped.')
    .requiredOption('-q, --queue <url>', 'the Redis that holds the queue, e.g. redis://127.0.0.1:6379')
    .option(
      '-c, --concurrency <n>',
      'rows this worker runs at once',
      wholeNumber('--concurrency', 1, 1024),
      16,
    )
    .option(
      '--lock-duration <ms>',
      'how long a row stays with a worker that stopped answering before others take it back',
      wholeNumber('--lock-duration', 1_000, 3_600_000),
      30_000,
    )
    .addHelpText('after', examples)
    .action(async (flags: { queue: string; concurrency: number; lockDuration: number }) => {
      const { runWorker } = await import('./run-worker.js');
      setExitCode(await runWorker(io, flags));
    });
}
