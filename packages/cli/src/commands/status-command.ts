import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { type ExitCode, exitCodes } from '../exit-codes.js';

/** `tokenflow status`: batches, progress, cost and workers of a queue. */
export function statusCommand(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  return new Command('status')
    .description('Show the batches, progress, cost and workers of a Redis queue.')
    .argument('[batch]', 'show only the batch whose key starts with this')
    .requiredOption('-q, --queue <url>', 'the Redis that holds the queue, e.g. redis://127.0.0.1:6379')
    .option('--json', 'print the status as one JSON object')
    .action(async (batch: string | undefined, flags: { queue: string; json?: boolean }) => {
      const { queueStatus } = await import('@tokenflow/queue');
      const status = await queueStatus(flags.queue, batch);
      if (flags.json) {
        io.stdout.write(`${JSON.stringify(status)}\n`);
      } else {
        const lines: string[] = [];
        if (status.batches.length === 0)
          lines.push(batch === undefined ? 'No batches.' : `No batch ${batch}.`);
        for (const entry of status.batches) {
          const total = entry.total === undefined ? '?' : String(entry.total);
          lines.push(
            `${entry.key}  ${entry.name}  ${entry.state}  ${entry.done + entry.failed}/${total} rows ` +
              `(${entry.failed} failed)  $${entry.costUsd.toFixed(4)}  output ${entry.output}`,
          );
        }
        const { jobs } = status;
        lines.push(
          `Jobs: ${jobs.waiting} waiting, ${jobs.active} active, ${jobs.delayed} delayed, ${jobs.completed} completed, ${jobs.failed} failed`,
        );
        lines.push(`Workers: ${status.workers.length}`);
        for (const worker of status.workers)
          lines.push(`  ${worker.name}  ${worker.address}  idle ${worker.idleSeconds}s`);
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      setExitCode(batch !== undefined && status.batches.length === 0 ? exitCodes.usage : exitCodes.ok);
    });
}
