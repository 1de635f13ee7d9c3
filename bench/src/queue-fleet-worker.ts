/**
 * One `@tokenflow/queue` worker in its own process, for the queue-fleet benchmarks. Config as JSON in
 * argv[2]; prints "ready" once it takes rows; SIGTERM closes it gracefully (the benchmarks kill -9 it too).
 */
import type { ToolRegistry } from '@tokenflow/core';
import { startWorker } from '@tokenflow/queue';

const config = JSON.parse(process.argv[2] ?? '{}') as {
  queue: string;
  baseUrl: string;
  concurrency: number;
  governor: boolean;
  lockDurationMs: number;
  bullLimiter?: { max: number; durationMs: number };
  name: string;
};
const noTools: ToolRegistry = { get: () => undefined, names: () => [] };
const worker = await startWorker({
  queue: config.queue,
  concurrency: config.concurrency,
  governor: config.governor,
  lockDurationMs: config.lockDurationMs,
  tools: noTools,
  name: config.name,
  gateway: { apiKey: 'bench-key', baseUrl: config.baseUrl },
  ...(config.bullLimiter ? { bullLimiter: config.bullLimiter } : {}),
});
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
process.stdout.write('ready\n');
