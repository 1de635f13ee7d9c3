/**
 * Scale: N rows (default 1M) through the built `tokenflow run` binary (plain node, no flags, no forced
 * GC) on a one-step YAML pipeline (one `llm` step on gemini-2.5-flash-lite) against the emulator in its
 * own process (loopback, zero latency); then LangChain's stock `ChatGoogleGenerativeAI.batch` over the
 * same rows in its own process, for the same wall time (or `--langchain-seconds`), as far as it gets.
 *
 * Memory is followed from outside: the CLI's RSS from /proc/<pid>/status (VmRSS sampled every 250 ms,
 * VmHWM for the peak), and its V8 heap from the CLI's own memory log (`TOKENFLOW_MEMORY_LOG`, a line
 * every 10k rows). LangChain's child prints its heap every 10k answered rows; its RSS is read the same way.
 *
 *   cd bench && pnpm bench:scale                     # 1M rows, concurrency 32
 *   npx tsx src/scale.ts --rows 200000 --concurrency 32 --langchain-seconds 120 --append
 *   --systems tokenflow (skip LangChain); --fsync off (passes --no-fsync to the CLI)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { option, slope, startEmulatorProcess, writeRows } from './batch-bench-support.js';
import { machineFacts, markdownTable } from './shared/machine-facts.js';
import { writeResult } from './shared/write-result.js';

const model = 'gemini-2.5-flash-lite';
const mb = 1024 * 1024;

/** One memory sample of a process: after `rows` rows, its RSS and V8 heap (MB). */
interface Sample {
  rows: number;
  rssMb: number;
  heapUsedMb?: number | undefined;
  heapTotalMb?: number | undefined;
}

interface SystemResult {
  system: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  samples: Sample[];
  exitCode: number | null;
  note?: string;
}

// The catalog's own limit for flash-lite (4,000 requests per minute) would pace the run at ~67 rows/s;
// the emulator is not a quota, so the pipeline lifts it, as a user with a higher tier would.
const pipelineYaml = `name: scale-summary
models:
  default: ${model}
  limits:
    ${model}: { rpm: 100000000, tpm: 100000000000 }
input:
  id: id
  fields: { id: string, text: string }
steps:
  - id: summary
    kind: llm
    prompt: "Summarize in one short sentence: {{ input.text }}"
`;

/** VmRSS and VmHWM (peak) of a live process, in MB; undefined once it is gone. */
async function procMemory(pid: number): Promise<{ rssMb: number; peakMb: number } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Polls a child's /proc status until it exits; keeps the last peak (VmHWM) and the latest RSS. */
function watchProcess(child: ChildProcess): { latest: () => number; peak: () => number; stop: () => void } {
  let latest = 0;
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid === undefined) return;
    void procMemory(child.pid).then((memory) => {
      if (!memory) return;
      latest = memory.rssMb;
      peak = Math.max(peak, memory.peakMb, memory.rssMb);
    });
  }, 250);
  return { latest: () => latest, peak: () => peak, stop: () => clearInterval(timer) };
}

async function runTokenflow(
  dir: string,
  input: string,
  url: string,
  rows: number,
  concurrency: number,
  fsync: boolean,
): Promise<SystemResult> {
  const cli = fileURLToPath(new URL('../../packages/cli/bin/tokenflow.js', import.meta.url));
  const pipeline = join(dir, 'scale.yaml');
  await writeFile(pipeline, pipelineYaml);
  const memoryLog = join(dir, 'memory.jsonl');
  const { NODE_OPTIONS: _sourceCondition, ...env } = process.env;
  const args = [cli, 'run', pipeline, '-i', input, '-o', join(dir, 'out.jsonl'), '-c', String(concurrency)];
  if (!fsync) args.push('--no-fsync');
  const started = performance.now();
  // Plain node on the built binary: no V8 flags, no source condition.
  const child = spawn(process.execPath, args, {
    env: {
      ...env,
      TOKENOFF_API_KEY: 'bench-key',
      TOKENOFF_BASE_URL: url,
      TOKENFLOW_MEMORY_LOG: memoryLog,
      TOKENFLOW_MEMORY_LOG_EVERY: '10000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const watch = watchProcess(child);
  const log = createWriteStream(join(dir, 'tokenflow.stderr.log'));
  child.stderr?.pipe(log);
  const [code] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  watch.stop();
  const lines = (await readFile(memoryLog, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map(
      (line) =>
        JSON.parse(line) as { rows: number; rssBytes: number; heapUsedBytes: number; heapTotalBytes: number },
    );
  const samples: Sample[] = lines.map((line) => ({
    rows: line.rows,
    rssMb: line.rssBytes / mb,
    heapUsedMb: line.heapUsedBytes / mb,
    heapTotalMb: line.heapTotalBytes / mb,
  }));
  const done = samples.at(-1)?.rows ?? 0;
  return {
    system: `tokenflow run (built CLI, plain node), concurrency ${concurrency}${fsync ? '' : ', --no-fsync'}`,
    rows: done,
    seconds,
    rowsPerSecond: done / seconds,
    peakRssMb: Math.max(watch.peak(), ...samples.map((s) => s.rssMb)),
    samples,
    exitCode: code,
    ...(done < rows ? { note: `finished ${done} of ${rows} rows` } : {}),
  };
}

async function runLangchainChild(
  input: string,
  url: string,
  concurrency: number,
  seconds: number,
): Promise<SystemResult> {
  const self = fileURLToPath(import.meta.url);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      self,
      '--child',
      'langchain',
      '--input',
      input,
      '--url',
      url,
      '--concurrency',
      String(concurrency),
      '--seconds',
      String(seconds),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const watch = watchProcess(child);
  const samples: Sample[] = [];
  let final: { answered: number; failed: number } | undefined;
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    const message = JSON.parse(line) as {
      rows?: number;
      heapUsed?: number;
      heapTotal?: number;
      done?: boolean;
    };
    if (message.done) final = message as unknown as { answered: number; failed: number };
    else if (message.rows !== undefined)
      samples.push({
        rows: message.rows,
        rssMb: watch.latest(),
        heapUsedMb: (message.heapUsed ?? 0) / mb,
        heapTotalMb: (message.heapTotal ?? 0) / mb,
      });
  });
  // A hard stop well after the budget, in case aborting the batch hangs.
  const hardStop = setTimeout(() => child.kill('SIGKILL'), (seconds + 120) * 1000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(hardStop);
  watch.stop();
  const elapsed = (performance.now() - started) / 1000;
  const answered = final?.answered ?? samples.at(-1)?.rows ?? 0;
  return {
    system: `LangChain ChatGoogleGenerativeAI.batch (stock, maxConcurrency ${concurrency})`,
    rows: answered,
    seconds: elapsed,
    rowsPerSecond: answered / elapsed,
    peakRssMb: watch.peak(),
    samples,
    exitCode: code,
    note: `stopped at its ${Math.round(seconds)} s budget with ${answered} rows answered${final ? `, ${final.failed} failed or not reached` : ' (killed before it reported)'}`,
  };
}

/** The LangChain side, in its own process: what a LangChain user writes, stopped by a time budget. */
async function langchainChild(): Promise<void> {
  const input = option('input', '');
  const url = option('url', '');
  const concurrency = Number(option('concurrency', '32'));
  const seconds = Number(option('seconds', '60'));
  const chat = new ChatGoogleGenerativeAI({ model, apiKey: 'bench-key', baseUrl: url, maxRetries: 2 });
  const lines = (await readFile(input, 'utf8')).split('\n').filter((line) => line !== '');
  const prompts = lines.map((line) => {
    const row = JSON.parse(line) as { id: string; text: string };
    return `Summarize in one short sentence: ${row.text}`;
  });
  const report = (rows: number) => {
    const memory = process.memoryUsage();
    process.stdout.write(
      `${JSON.stringify({ rows, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal })}\n`,
    );
  };
  report(0);
  let answered = 0;
  const progress = {
    handleLLMEnd: () => {
      answered += 1;
      if (answered % 10_000 === 0) report(answered);
    },
  };
  const signal = AbortSignal.timeout(seconds * 1000);
  let answers: unknown[] = [];
  try {
    answers = await chat.batch(
      prompts,
      { maxConcurrency: concurrency, callbacks: [progress], signal },
      { returnExceptions: true },
    );
  } catch {
    // Aborted as a whole: the answers so far are what it got.
  }
  const failed =
    answers.length === 0 ? prompts.length - answered : answers.filter((a) => a instanceof Error).length;
  process.stdout.write(`${JSON.stringify({ done: true, answered, failed })}\n`);
  process.exit(0);
}

function describe(result: SystemResult): string[] {
  const samples = result.samples.filter((s) => s.rows > 0);
  const rss = slope(samples.map((s) => ({ x: s.rows, y: s.rssMb })));
  const heap = slope(samples.map((s) => ({ x: s.rows, y: s.heapTotalMb ?? 0 })));
  return [
    result.system,
    result.rows.toLocaleString('en-US'),
    result.seconds.toFixed(0),
    result.rowsPerSecond.toFixed(0),
    result.peakRssMb.toFixed(1),
    rss.toFixed(2),
    heap.toFixed(2),
    String(result.exitCode),
  ];
}

async function main(): Promise<void> {
  const rows = Number(option('rows', '1000000'));
  const concurrency = Number(option('concurrency', '32'));
  const fsync = option('fsync', 'on') !== 'off';
  const systems = option('systems', 'tokenflow,langchain').split(',');
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-scale-'));
  const loads: number[][] = [loadavg()];
  const startedAt = new Date().toISOString().slice(0, 16);
  try {
    const input = join(dir, 'rows.jsonl');
    await writeRows(input, rows);
    const emulator = await startEmulatorProcess(['--latency-ms', '0']);
    const loadTimer = setInterval(() => loads.push(loadavg()), 10_000);
    const results: SystemResult[] = [];
    try {
      if (systems.includes('tokenflow')) {
        results.push(await runTokenflow(dir, input, emulator.url, rows, concurrency, fsync));
        loads.push(loadavg());
      }
      if (systems.includes('langchain')) {
        const budget = Number(option('langchain-seconds', String(Math.ceil(results[0]?.seconds ?? 600))));
        results.push(await runLangchainChild(input, emulator.url, concurrency, budget));
      }
    } finally {
      clearInterval(loadTimer);
      emulator.child.kill('SIGTERM');
    }
    loads.push(loadavg());
    const one = loads.map((load) => load[0] ?? 0);
    const table = markdownTable(
      [
        'system',
        'rows done',
        'seconds',
        'rows/s',
        'peak RSS (MB)',
        'RSS slope (MB / 100k rows, 2nd half)',
        'heap (V8 heapTotal) slope (MB / 100k rows, 2nd half)',
        'exit code',
      ],
      results.map(describe),
    );
    const curves = results.map((result) => {
      const points = result.samples
        .filter(
          (s, index) =>
            index % Math.max(1, Math.floor(result.samples.length / 20)) === 0 || s === result.samples.at(-1),
        )
        .map(
          (s) =>
            `${s.rows / 1000}k: ${s.rssMb.toFixed(0)}${s.heapUsedMb === undefined ? '' : `/${s.heapUsedMb.toFixed(0)}/${(s.heapTotalMb ?? 0).toFixed(0)}`}`,
        );
      return `- ${result.system}${result.note ? ` (${result.note})` : ''}, rows: RSS / heapUsed / heapTotal MB: ${points.join(', ')}`;
    });
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const text = [
      `## Scale run ${startedAt}Z (commit ${commit}): ${rows.toLocaleString('en-US')} rows, concurrency ${concurrency}, fsync ${fsync ? 'on' : 'off'}`,
      '',
      machineFacts(),
      '',
      `Load average (1 min) during the run: min ${Math.min(...one).toFixed(1)}, median ${[...one].sort((a, b) => a - b)[Math.floor(one.length / 2)]?.toFixed(1)}, max ${Math.max(...one).toFixed(1)}.`,
      '',
      table,
      '',
      ...curves,
    ].join('\n');
    await writeResult('scale', text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (option('child', '') === 'langchain') await langchainChild();
else await main();
