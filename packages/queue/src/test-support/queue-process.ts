// A worker or a submitter in its own process, for the fault tests (kill -9 needs a real process).
// Run with: node --conditions=@tokenflow/source --import tsx queue-process.ts <worker|submit> '<json config>'
// It prints one line per event the tests wait for: "ready", "row <id>", "summary <json>".
import { runQueuedBatch } from '../batch/run-queued-batch.js';
import { startWorker } from '../worker/start-worker.js';
import { batchFixtureFrom, noTools } from './batch-fixture.js';

const [mode, configText] = process.argv.slice(2);
const config = JSON.parse(configText ?? '{}') as {
  queue: string;
  apiKey: string;
  baseUrl: string;
  concurrency: number;
  lockDurationMs: number;
  dir: string;
};

if (mode === 'worker') {
  const worker = await startWorker({
    queue: config.queue,
    concurrency: config.concurrency,
    lockDurationMs: config.lockDurationMs,
    tools: noTools,
    gateway: { apiKey: config.apiKey, baseUrl: config.baseUrl },
  });
  process.on('SIGTERM', () => {
    void worker.close().then(() => process.exit(0));
  });
  process.stdout.write('ready\n');
} else if (mode === 'submit') {
  const batch = await batchFixtureFrom(config.dir);
  const summary = await runQueuedBatch({
    queue: config.queue,
    pipeline: batch.pipeline,
    input: { path: batch.input, idField: 'id' },
    output: batch.output,
    onEvent: (event) => {
      if (event.type === 'batch-start') process.stdout.write('ready\n');
      if (event.type === 'row-end') process.stdout.write(`row ${String(event.rowId)}\n`);
    },
  });
  process.stdout.write(`summary ${JSON.stringify(summary.rows)}\n`);
}
