/**
 * Queue benchmarks (issue 13), each run `--runs` times (default 3):
 *  (a) 4 worker processes on one key against an emulator quota of `--rpm` (600) requests per minute for
 *      `--duration-s` (120) seconds, rows to spare: goodput (successes in the period / quota x minutes) and
 *      429s per success, for the shared Redis governor; 4 workers without it, each pacing itself to the full
 *      RPM (as 4 independent `tokenflow run`); and BullMQ's own global limiter (600 jobs / 60 s) alone.
 *      The three run at the same time, each with its own emulator process, Redis and workers.
 *  (b) scaling with latency-bound work (1 s first-byte latency, no quota): 1, 2 and 4 workers of
 *      concurrency 8 over `--scale-rows` (384) rows; throughput against linear.
 *  (c) kill -9 one of 4 workers three times during a run (at 25, 50 and 75% of the rows), a fresh one
 *      taking its place: rows lost, duplicated, and re-sent per kill (at most the worker's concurrency, 8).
 *
 *   pnpm --filter @tokenflow/bench bench:queue-fleet [--only a,b,c] [--runs 3]
 * Needs redis-server on the PATH (apt-get install -y redis-server) and the packages built (pnpm build).
 * Results go to bench/results/queue-fleet.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolRegistry } from '@tokenflow/core';
import { loadPipeline } from '@tokenflow/core/spec';
import { runQueuedBatch } from '@tokenflow/queue';
import { type EmulatorProcess, startEmulatorProcess } from './shared/emulator-process.js';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const only = option('only', 'a,b,c').split(',');
const runs = Number(option('runs', '3'));
const rpm = Number(option('rpm', '600'));
const durationSeconds = Number(option('duration-s', '120'));
const scaleRows = Number(option('scale-rows', '384'));
const killRows = Number(option('kill-rows', '960'));
const noTools: ToolRegistry = { get: () => undefined, names: () => [] };
const workerScript = fileURLToPath(new URL('./queue-fleet-worker.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  return typeof address === 'object' && address ? address.port : 0;
}

/** redis-server on a free loopback port, persistence off; resolves once it accepts connections. */
async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', () => reject(new Error(`redis-server exited: ${text}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

interface WorkerProcess {
  child: ChildProcess;
  kill(): Promise<void>;
}

async function startWorkerProcess(config: Record<string, unknown>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('ready')) resolve();
    });
    void exited.then(() => reject(new Error('a worker exited before it was ready')));
  });
  return {
    child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function pipelineYaml(limits: string): string {
  return `name: bench-label
models:
  default: ${model}
  fallback: []
${limits}
input:
  id: id
  fields: { id: string, text: string }
steps:
  - id: label
    kind: llm
    prompt: "Label this text with one word: {{ input.text }}"
    output: { label: string }
`;
}

/** A folder with a pipeline and `rows` input rows. */
async function batchFolder(rows: number, limits: string) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-bench-queue-'));
  await writeFile(join(dir, 'p.yaml'), pipelineYaml(limits));
  await writeFile(
    join(dir, 'rows.jsonl'),
    Array.from(
      { length: rows },
      (_, i) => `${JSON.stringify({ id: `r${i + 1}`, text: `Row ${i + 1}.` })}\n`,
    ).join(''),
  );
  await mkdir(join(dir, 'out'));
  const pipeline = await loadPipeline(join(dir, 'p.yaml'), { tools: noTools });
  return { dir, pipeline, input: join(dir, 'rows.jsonl'), output: join(dir, 'out', 'rows.jsonl') };
}

async function outputIds(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as { id: unknown }).id));
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

// (a) -------------------------------------------------------------------------------------------------
interface QuotaContender {
  name: string;
  governor: boolean;
  limits: string;
  bullLimiter?: { max: number; durationMs: number };
}

const quotaContenders: QuotaContender[] = [
  {
    name: 'shared Redis governor (tokenflow)',
    governor: true,
    limits: `  limits: { ${model}: { rpm: ${rpm}, concurrency: 16 } }`,
  },
  {
    name: 'no shared governor: each process paces to the full RPM',
    governor: false,
    limits: `  limits: { ${model}: { rpm: ${rpm}, concurrency: 16 } }`,
  },
  {
    name: `BullMQ limiter alone (${rpm} jobs / 60 s, global)`,
    governor: false,
    limits: `  limits: { ${model}: { concurrency: 16 } }`,
    bullLimiter: { max: rpm, durationMs: 60_000 },
  },
];

async function runQuotaContender(contender: QuotaContender) {
  const emulator: EmulatorProcess = await startEmulatorProcess({
    [model]: { latency: { firstByteMs: 200 }, quota: { requestsPerMinute: rpm } },
  });
  const redis = await startRedis();
  const batch = await batchFolder(Math.ceil((rpm * durationSeconds) / 60) + rpm, contender.limits);
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < 4; i += 1) {
      workers.push(
        await startWorkerProcess({
          queue: redis.url,
          baseUrl: emulator.url,
          concurrency: 16,
          governor: contender.governor,
          lockDurationMs: 30_000,
          name: `w${i}`,
          ...(contender.bullLimiter ? { bullLimiter: contender.bullLimiter } : {}),
        }),
      );
    }
    const controller = new AbortController();
    const run = runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
      concurrency: 512,
      signal: controller.signal,
    }).catch(() => undefined);
    // The period is measured on the emulator's own log: from its first generate request.
    let first: number | undefined;
    while (first === undefined) {
      first = (await emulator.log())[0]?.time;
      if (first === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const end = first + durationSeconds * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, end - Date.now()) + 500));
    const log = (await emulator.log()).filter((entry) => entry.time < end);
    controller.abort();
    for (const worker of workers) await worker.kill();
    await run;
    const successes = log.filter((entry) => entry.status === 200).length;
    const limited = log.filter((entry) => entry.status === 429).length;
    const ideal = (rpm * durationSeconds) / 60;
    return {
      successes,
      limited,
      goodput: successes / ideal,
      limitedShare: successes === 0 ? 0 : limited / successes,
    };
  } finally {
    for (const worker of workers) await worker.kill();
    await redis.stop();
    await emulator.close();
    await rm(batch.dir, { recursive: true, force: true });
  }
}

// (b) -------------------------------------------------------------------------------------------------
async function runScaling(workerCount: number, emulator: EmulatorProcess) {
  const redis = await startRedis();
  // No model limit but the catalog's (64 at once, fleet-wide with the governor): the workers' 8 each bind.
  const batch = await batchFolder(scaleRows, '');
  const workers: WorkerProcess[] = [];
  try {
    for (let i = 0; i < workerCount; i += 1) {
      workers.push(
        await startWorkerProcess({
          queue: redis.url,
          baseUrl: emulator.url,
          concurrency: 8,
          governor: true,
          lockDurationMs: 30_000,
          name: `w${i}`,
        }),
      );
    }
    const startedAt = Date.now();
    const summary = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
      concurrency: 512,
    });
    const seconds = (Date.now() - startedAt) / 1000;
    return { done: summary.rows.done, seconds, rowsPerSecond: summary.rows.done / seconds };
  } finally {
    for (const worker of workers) await worker.kill();
    await redis.stop();
    await rm(batch.dir, { recursive: true, force: true });
  }
}

// (c) -------------------------------------------------------------------------------------------------
async function runKills() {
  const emulator = await startEmulatorProcess({ [model]: { latency: { firstByteMs: 500 } } });
  const redis = await startRedis();
  const batch = await batchFolder(killRows, '');
  const workers: WorkerProcess[] = [];
  const config = (i: number) => ({
    queue: redis.url,
    baseUrl: emulator.url,
    concurrency: 8,
    governor: true,
    lockDurationMs: 2_000,
    name: `w${i}`,
  });
  let started = 0;
  try {
    for (; started < 4; started += 1) workers.push(await startWorkerProcess(config(started)));
    const thresholds = [0.25, 0.5, 0.75].map((share) => Math.floor(killRows * share));
    let finished = 0;
    let kills = 0;
    let killing = Promise.resolve();
    const summary = await runQueuedBatch({
      queue: redis.url,
      pipeline: batch.pipeline,
      input: { path: batch.input, idField: 'id' },
      output: batch.output,
      concurrency: 512,
      onEvent: (event) => {
        if (event.type !== 'row-end' && event.type !== 'row-error') return;
        finished += 1;
        if (kills < thresholds.length && finished >= (thresholds[kills] ?? Number.POSITIVE_INFINITY)) {
          kills += 1;
          const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0];
          const index = started;
          started += 1;
          killing = killing.then(async () => {
            await victim?.kill();
            workers.push(await startWorkerProcess(config(index)));
          });
        }
      },
    });
    await killing;
    const ids = await outputIds(batch.output);
    const unique = new Set(ids).size;
    const requests = (await emulator.log()).length;
    return {
      done: summary.rows.done,
      failed: summary.rows.failed,
      lost: killRows - unique,
      duplicated: ids.length - unique,
      resent: requests - killRows,
      kills,
    };
  } finally {
    for (const worker of workers) await worker.kill();
    await redis.stop();
    await emulator.close();
    await rm(batch.dir, { recursive: true, force: true });
  }
}

// -----------------------------------------------------------------------------------------------------
const sections: string[] = [`# Queue fleet benchmarks (issue 13)\n\n${machineFacts()}; ${runs} runs each.`];

if (only.includes('a')) {
  const rows: (string | number)[][] = [];
  for (let run = 1; run <= runs; run += 1) {
    const results = await Promise.all(quotaContenders.map((contender) => runQuotaContender(contender)));
    results.forEach((result, index) => {
      rows.push([
        run,
        quotaContenders[index]?.name ?? '',
        result.successes,
        result.limited,
        percent(result.goodput),
        percent(result.limitedShare),
      ]);
    });
    console.error(`(a) run ${run} done`);
  }
  sections.push(
    `## (a) 4 workers on one key, emulator quota ${rpm} RPM, ${durationSeconds} s\n\n` +
      'Goal: goodput >= 95% of the quota, 429s <= 2% of successes. Goodput = successful requests in the ' +
      `period / (${rpm} x ${durationSeconds / 60} min); the three contenders ran at the same time, each with ` +
      'its own emulator process, Redis and 4 worker processes (16 rows at once each).\n\n' +
      markdownTable(['run', 'contender', 'successes', '429s', 'goodput', '429s / successes'], rows),
  );
  // Written after each section, so a later failure keeps what was measured.
  await writeResult('queue-fleet', sections.join('\n\n'));
}

if (only.includes('b')) {
  const rows: (string | number)[][] = [];
  const emulator = await startEmulatorProcess({ [model]: { latency: { firstByteMs: 1_000 } } });
  try {
    for (let run = 1; run <= runs; run += 1) {
      const one = await runScaling(1, emulator);
      for (const count of [1, 2, 4]) {
        const result = count === 1 ? one : await runScaling(count, emulator);
        rows.push([
          run,
          count,
          result.done,
          result.seconds.toFixed(1),
          result.rowsPerSecond.toFixed(2),
          percent(result.rowsPerSecond / (count * one.rowsPerSecond)),
        ]);
      }
      console.error(`(b) run ${run} done`);
    }
  } finally {
    await emulator.close();
  }
  sections.push(
    `## (b) Scaling with latency-bound work (1 s latency, no quota, ${scaleRows} rows, concurrency 8 per worker)\n\n` +
      'Goal: >= 90% of linear. Wall time from submitting to the summary (the submitter in this process).\n\n' +
      markdownTable(['run', 'workers', 'rows done', 'seconds', 'rows/s', 'of linear'], rows),
  );
  await writeResult('queue-fleet', sections.join('\n\n'));
}

if (only.includes('c')) {
  const rows: (string | number)[][] = [];
  for (let run = 1; run <= runs; run += 1) {
    const result = await runKills();
    rows.push([
      run,
      result.kills,
      result.done,
      result.failed,
      result.lost,
      result.duplicated,
      result.resent,
      (result.resent / Math.max(1, result.kills)).toFixed(1),
    ]);
    console.error(`(c) run ${run} done`);
  }
  sections.push(
    `## (c) kill -9 one of 4 workers three times (${killRows} rows, 500 ms latency, concurrency 8, lock 2 s)\n\n` +
      "Goal: 0 lost, 0 duplicated, re-sent rows <= 8 (the killed worker's concurrency) per kill. Re-sent = " +
      'generate requests the emulator got minus rows.\n\n' +
      markdownTable(
        ['run', 'kills', 'done', 'failed', 'lost', 'duplicated', 're-sent', 're-sent per kill'],
        rows,
      ),
  );
}

if (only.includes('c')) await writeResult('queue-fleet', sections.join('\n\n'));
