/**
 * Batch memory: peak RSS and RSS slope while N rows go through a one-step pipeline (one `llm` step on
 * gemini-2.5-flash-lite, through the model gateway) against the emulator in a separate process, beside
 * LangChain's `.batch` on the stock `ChatGoogleGenerativeAI` over the same rows. Each system runs in
 * its own child process so their memory does not mix.
 *
 *   npx tsx src/batch-memory.ts --rows 1000000 --concurrency 64
 *   --systems tokenflow,langchain (default both); --processor pipeline | inline (tokenflow only:
 *   `inline` is a cheap in-process processor with no HTTP, to measure the runner alone at 1M rows)
 *   one system in this process: --system tokenflow | langchain   (then it prints one JSON line)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import { createGateway, pipelineRowProcessor, runBatch } from '@tokenflow/core';
import { type LlmStepDefinition, type PipelineDefinition, stepNode } from '@tokenflow/core/flow';
import { z } from 'zod';
import { option, RssSampler, startEmulatorProcess, writeRows } from './batch-bench-support.js';

const model = 'gemini-2.5-flash-lite';

interface Result {
  system: string;
  rows: number;
  completed: number;
  failed: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  slopeMbPer100k: number;
  /** Live heap after a full GC at the end, and its slope (second half), when run with --expose-gc. */
  heapAfterGcMb?: number | undefined;
  heapSlopeMbPer100k?: number | undefined;
  samples: { rows: number; rssMb: number; heapMb?: number }[];
  error?: string;
}

function finish(
  sampler: RssSampler,
): Pick<Result, 'peakRssMb' | 'slopeMbPer100k' | 'heapAfterGcMb' | 'heapSlopeMbPer100k' | 'samples'> {
  return {
    peakRssMb: sampler.peakMb(),
    slopeMbPer100k: sampler.slopeMbPer100k(),
    heapAfterGcMb: sampler.lastHeapMb(),
    heapSlopeMbPer100k: sampler.heapSlopeMbPer100k(),
    samples: sampler.samples,
  };
}

/** The cheap in-process processor: no HTTP, a fixed answer and a made-up call, to measure the runner alone. */
const inlineProcessor = async (row: { text?: unknown }) => ({
  output: { summary: String(row.text).slice(0, 48) },
  calls: [
    {
      callId: 'inline',
      requestedModel: model,
      model,
      modelsTried: [model],
      attempts: 1,
      waitMs: 0,
      latencyMs: 0,
      usage: { inputTokens: 30, outputTokens: 12, reasoningTokens: 0, cachedInputTokens: 0, totalTokens: 42 },
      costUsd: 0.0000078,
      cached: false,
    },
  ],
});

async function runTokenflow(
  url: string,
  input: string,
  dir: string,
  rows: number,
  concurrency: number,
  processor: string,
): Promise<Result> {
  const gateway = createGateway({
    apiKey: 'bench-key',
    baseUrl: url,
    limits: { [model]: { concurrency, rpm: Number.POSITIVE_INFINITY, tpm: Number.POSITIVE_INFINITY } },
  });
  // The plain pipeline definition (what the builder and the YAML loader both produce): one llm step.
  const row = z.object({ id: z.string(), text: z.string() });
  const summary: LlmStepDefinition<'summary', z.output<typeof row>, string> = {
    kind: 'llm',
    id: 'summary',
    model,
    input: row,
    prompt: ({ text }) => `Summarize in one short sentence: ${text}`,
  };
  const flow: PipelineDefinition = {
    id: 'review',
    input: row,
    nodes: [stepNode(summary as LlmStepDefinition)],
  };
  const sampler = new RssSampler();
  const every = Math.max(1, Math.floor(rows / 50));
  let seen = 0;
  const started = performance.now();
  sampler.sample(0);
  const result = await runBatch({
    input: { path: input, idField: 'id' },
    output: join(dir, 'tokenflow-out.jsonl'),
    concurrency,
    countRows: false,
    process: processor === 'inline' ? inlineProcessor : pipelineRowProcessor(flow, { gateway }),
    onEvent: (event) => {
      if (event.type === 'row-end' || event.type === 'row-error') {
        seen += 1;
        if (seen % every === 0) sampler.sample(seen);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    system:
      processor === 'inline'
        ? 'tokenflow runBatch, in-process processor (no HTTP)'
        : 'tokenflow runBatch + pipelineRowProcessor (1 llm step, gateway)',
    rows,
    completed: result.rows.done,
    failed: result.rows.failed,
    seconds,
    rowsPerSecond: (result.rows.done + result.rows.failed) / seconds,
    ...finish(sampler),
  };
}

async function runLangchain(
  url: string,
  input: string,
  dir: string,
  rows: number,
  concurrency: number,
): Promise<Result> {
  const chat = new ChatGoogleGenerativeAI({ model, apiKey: 'bench-key', baseUrl: url, maxRetries: 2 });
  const sampler = new RssSampler();
  sampler.sample(0);
  const started = performance.now();
  // What a LangChain user writes: read the rows, map them to prompts, one .batch call, write the answers.
  const lines = (await readFile(input, 'utf8')).split('\n').filter((line) => line !== '');
  const prompts = lines.map((line) => {
    const row = JSON.parse(line) as { id: string; text: string };
    return `Summarize in one short sentence: ${row.text}`;
  });
  sampler.sample(0);
  // .batch reports nothing, but its callbacks see every answer: sample by rows answered.
  const every = Math.max(1, Math.floor(rows / 50));
  let answered = 0;
  const progress = {
    handleLLMEnd: () => {
      answered += 1;
      if (answered % every === 0) sampler.sample(answered);
    },
  };
  let answers: unknown[] = [];
  let error: string | undefined;
  try {
    answers = await chat.batch(
      prompts,
      { maxConcurrency: concurrency, callbacks: [progress] },
      { returnExceptions: true },
    );
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const failed = answers.filter((answer) => answer instanceof Error).length;
  await writeFile(
    join(dir, 'langchain-out.jsonl'),
    answers
      .map((answer, n) =>
        JSON.stringify({
          id: `r${n}`,
          output: answer instanceof Error ? null : (answer as { content: unknown }).content,
        }),
      )
      .join('\n'),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    system: 'LangChain ChatGoogleGenerativeAI.batch (stock, maxConcurrency)',
    rows,
    completed: answers.length - failed,
    failed,
    seconds,
    rowsPerSecond: answers.length / seconds,
    ...finish(sampler),
    ...(error ? { error } : {}),
  };
}

async function runOne(system: string): Promise<void> {
  const rows = Number(option('rows', '100000'));
  const concurrency = Number(option('concurrency', '64'));
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-bench-'));
  const input = join(dir, 'rows.jsonl');
  await writeRows(input, rows);
  const { child, url } = await startEmulatorProcess();
  try {
    const result =
      system === 'tokenflow'
        ? await runTokenflow(url, input, dir, rows, concurrency, option('processor', 'pipeline'))
        : await runLangchain(url, input, dir, rows, concurrency);
    const tenths = result.samples.filter((_, i) => i % 5 === 0 || i === result.samples.length - 1);
    process.stdout.write(`${JSON.stringify({ ...result, samples: tenths })}\n`);
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

async function runAll(): Promise<void> {
  const rows = option('rows', '100000');
  const concurrency = option('concurrency', '64');
  console.log(
    `batch memory: ${rows} rows, concurrency ${concurrency}, Node ${process.version}, ${cpus().length} CPU(s)`,
  );
  const results: Result[] = [];
  const systems = option('systems', 'tokenflow,langchain').split(',');
  for (const system of systems) {
    const self = fileURLToPath(import.meta.url);
    const args = [
      '--expose-gc',
      '--import',
      'tsx',
      self,
      '--system',
      system,
      '--rows',
      rows,
      '--concurrency',
      concurrency,
    ];
    args.push('--processor', option('processor', 'pipeline'));
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code === 0 && line.startsWith('{')) results.push(JSON.parse(line) as Result);
    else
      results.push({
        system,
        rows: Number(rows),
        completed: 0,
        failed: 0,
        seconds: 0,
        rowsPerSecond: 0,
        peakRssMb: 0,
        slopeMbPer100k: 0,
        samples: [],
        error: `exited with ${code}`,
      });
  }
  console.log(
    '| system | rows | done | failed | seconds | rows/s | peak RSS (MB) | RSS slope (MB / 100k rows) | live heap after GC at end (MB) | heap slope (MB / 100k rows) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const mb = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(1));
  for (const r of results) {
    console.log(
      `| ${r.system}${r.error ? ` (${r.error})` : ''} | ${r.rows} | ${r.completed} | ${r.failed} | ${r.seconds.toFixed(1)} | ${r.rowsPerSecond.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${r.slopeMbPer100k.toFixed(1)} | ${mb(r.heapAfterGcMb)} | ${mb(r.heapSlopeMbPer100k)} |`,
    );
  }
  for (const r of results) {
    const points = r.samples.map(
      (sample) =>
        `${sample.rows}: ${sample.rssMb.toFixed(0)}${sample.heapMb === undefined ? '' : `/${sample.heapMb.toFixed(0)}`}`,
    );
    console.log(`\n${r.system}, rows: RSS/live heap MB: ${points.join(', ')}`);
  }
}

const system = option('system', '');
if (system) await runOne(system);
else await runAll();
