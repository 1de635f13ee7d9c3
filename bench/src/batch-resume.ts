/**
 * Batch resume cost after kill -9, two parts:
 *
 * 1. Re-sent calls per crash: a batch of N rows, each one emulator call (emulator in its own process,
 *    1-20 ms latency), run in a child process that is killed with SIGKILL after a random number of rows
 *    became durable, then resumed; K times, then run to the end. Calls are counted from a log the child
 *    appends to before each call. Reports re-sent calls per crash against the window (the bound), and
 *    checks every row is in the output exactly once.
 * 2. Resume start-up on a large batch: a finished 1M-row batch (cheap in-process processor) is resumed;
 *    the time to read the journal and skip every row is the fixed cost of resuming.
 *
 *   npx tsx src/batch-resume.ts --rows 3000 --crashes 10 --concurrency 16 --large 1000000
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '@tokenflow/core';
import { option, startEmulatorProcess, writeRows } from './batch-bench-support.js';

const worker = join(fileURLToPath(new URL('.', import.meta.url)), 'batch-resume-worker.ts');

function runWorker(
  args: object,
  killAfter: number | undefined,
): Promise<{ durable: number; startMs: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let durable = 0;
    let startMs = 0;
    let pending = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'row-end') durable += 1;
        else if (line.startsWith('start ')) startMs = Number(line.slice(6));
      }
      if (killAfter !== undefined && durable >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ durable, startMs, killed: signal === 'SIGKILL' }));
  });
}

async function resentPerCrash(): Promise<void> {
  const rows = Number(option('rows', '3000'));
  const crashes = Number(option('crashes', '10'));
  const concurrency = Number(option('concurrency', '16'));
  const window = 2 * concurrency;
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-resume-'));
  const faults = join(dir, 'faults.json');
  await writeFile(
    faults,
    JSON.stringify({ models: { '*': { latency: { firstByteMs: { min: 1, max: 20 } } } } }),
  );
  const { child, url } = await startEmulatorProcess(['--faults', faults]);
  try {
    const args = {
      input: join(dir, 'rows.jsonl'),
      output: join(dir, 'out.jsonl'),
      callsLog: join(dir, 'calls.log'),
      url,
      concurrency,
      window,
    };
    await writeRows(args.input, rows);
    let seed = Number(option('seed', '7'));
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Calls made again in run k (k >= 1) are the rows crash k left in flight or uncommitted.
    const duplicatesPerRun: number[] = [];
    const starts: number[] = [];
    let durable = 0;
    let duplicatesSoFar = 0;
    const countDuplicates = async () => {
      const logged = (await readFile(args.callsLog, 'utf8')).split('\n').filter(Boolean);
      const duplicates = logged.length - new Set(logged).size;
      duplicatesPerRun.push(duplicates - duplicatesSoFar);
      duplicatesSoFar = duplicates;
      return logged;
    };
    for (let crash = 0; crash < crashes; crash++) {
      const killAfter = 1 + Math.floor(random() * ((rows - durable) / (crashes - crash + 1)));
      const run = await runWorker(args, killAfter);
      if (!run.killed) throw new Error(`run ${crash + 1} ended before it could be killed; use more rows`);
      starts.push(run.startMs);
      durable += run.durable;
      await countDuplicates();
    }
    const last = await runWorker(args, undefined);
    starts.push(last.startMs);
    const calls = await countDuplicates();
    const resent = duplicatesPerRun.slice(1);
    const output = (await readFile(args.output, 'utf8')).split('\n').filter(Boolean);
    const ids = new Set(output.map((line) => (JSON.parse(line) as { id: string }).id));
    console.log(`## Re-sent calls per kill -9 (${rows} rows, concurrency ${concurrency}, window ${window})`);
    console.log(`rows in output: ${output.length}, distinct: ${ids.size}, expected: ${rows}`);
    console.log(`calls made: ${calls.length} (${calls.length - rows} re-sent over ${crashes} crashes)`);
    console.log(
      `re-sent per crash: ${resent.join(', ')}; max ${Math.max(...resent)}, mean ${(resent.reduce((a, b) => a + b, 0) / resent.length).toFixed(1)} (bound: window = ${window})`,
    );
    console.log(
      `time from the worker module start to batch-start (lock, journal load, file repair), ms: ${starts.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

async function largeResume(): Promise<void> {
  const rows = Number(option('large', '1000000'));
  if (rows <= 0) return;
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-resume-large-'));
  try {
    const input = join(dir, 'rows.jsonl');
    await writeRows(input, rows);
    const options = {
      input: { path: input, idField: 'id' },
      output: join(dir, 'out.jsonl'),
      concurrency: 64,
      countRows: false,
      process: async (row: { text?: unknown }) => ({ output: String(row.text).length }),
    };
    let started = performance.now();
    await runBatch(options);
    const firstSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const again = await runBatch(options);
    const resumeSeconds = (performance.now() - started) / 1000;
    console.log(`## Resuming a finished ${rows}-row batch (in-process processor)`);
    console.log(
      `first run: ${firstSeconds.toFixed(1)} s; resume (load journal, read input, skip all ${again.rows.skipped} rows): ${resumeSeconds.toFixed(2)} s`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`batch resume, Node ${process.version}, ${cpus().length} CPU(s)`);
await resentPerCrash();
await largeResume();
