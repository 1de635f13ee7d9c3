/**
 * Run viewer first paint on a 1M-row run: how long `tokenflow ui` takes to show a run whose files hold a
 * million rows, and what it costs to index them. The run's files are generated in the formats a batch
 * run writes (output, errors, journal, and an OTLP/JSON-lines trace with row -> pipeline -> step -> chat
 * -> attempt per row, 512 spans a line like the SDK's batch processor); 1% of rows fail, 2% of calls
 * retry (a third of them after a 429), 0.5% fall back. The server runs in this process; Debian's chromium,
 * headless through playwright-core, loads the page.
 *
 * Measured, per round (a new server each round, so every round indexes from nothing):
 * - first paint: from `page.goto` until the run's numbers are on the page (the overview element exists);
 *   the server answers while it is still indexing, so this does not wait for the whole files;
 * - fully indexed: until the page says it has read all the files (`data-indexed=true`);
 * - a failed-rows page far down the list (rows 9,000-9,049) and a failed row's waterfall, once indexed;
 * - heap after a forced GC and RSS of this process once indexed (the index: counters, per-second counts,
 *   one offset per failed row and one per trace line).
 *
 *   pnpm --filter @tokenflow/bench exec tsx src/ui-first-paint.ts
 *   options: --rows 1000000 --rounds 3 --keep (leave the generated files in the temp folder)
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUiServer } from '@tokenflow/ui';
import { chromium } from 'playwright-core';
import { machineFacts, markdownTable, option } from './shared/machine-facts.js';
import { writeResult } from './shared/write-result.js';

const rows = Number(option('rows', '1000000'));
const rounds = Number(option('rounds', '3'));
const folder = await mkdtemp(join(tmpdir(), 'tokenflow-ui-bench-'));
const runName = 'run';

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

const hex = (value: number, length: number): string =>
  value.toString(16).padStart(length, '0').slice(-length);
const attribute = (key: string, value: string | number): string =>
  typeof value === 'string'
    ? `{"key":"${key}","value":{"stringValue":"${value}"}}`
    : Number.isInteger(value)
      ? `{"key":"${key}","value":{"intValue":"${value}"}}`
      : `{"key":"${key}","value":{"doubleValue":${value}}}`;

/** Writes the run's four files; deterministic (row i's fate comes from i). */
async function generate(): Promise<{ failed: number; bytes: number }> {
  const output = createWriteStream(join(folder, `${runName}.jsonl`));
  const errors = createWriteStream(join(folder, `${runName}.errors.jsonl`));
  const journal = createWriteStream(join(folder, `${runName}.journal.jsonl`));
  const trace = createWriteStream(join(folder, `${runName}.jsonl.trace.jsonl`));
  const input = createWriteStream(join(folder, 'input.jsonl'));
  await write(
    journal,
    `${JSON.stringify({ type: 'session', version: 1, fingerprint: 'sha256:bench', input: { path: join(folder, 'input.jsonl'), format: 'jsonl', size: 0, mtimeMs: 0, headSha256: '', tailSha256: '' }, idField: 'id', startedAt: new Date(Date.UTC(2026, 11, 7, 8)).toISOString() })}\n`,
  );
  const traceId = hex(0xabcdef, 32);
  const startNs = BigInt(Date.UTC(2026, 11, 7, 8)) * 1_000_000n;
  let spans: string[] = [];
  let failed = 0;
  let done: number[] = [];
  let failedGroup: number[] = [];
  let sequence = 0;
  let cost = 0;
  const flushSpans = async (): Promise<void> => {
    await write(
      trace,
      `{"resourceSpans":[{"resource":{"attributes":[${attribute('service.name', 'tokenflow')}]},"scopeSpans":[{"scope":{"name":"@tokenflow/core"},"spans":[${spans.join(',')}]}]}]}\n`,
    );
    spans = [];
  };
  for (let index = 0; index < rows; index += 1) {
    const id = `r${index}`;
    const fails = index % 100 === 37;
    const retried = index % 50 === 11;
    const rateLimited = retried && index % 150 === 11;
    const fellBack = index % 200 === 123;
    const model = fellBack ? 'gemini-2.5-flash-lite' : 'gemini-2.5-flash';
    const rowCost = fails ? 0 : 0.0004 + (index % 7) * 0.00001;
    cost += rowCost;
    await write(input, `{"id":"${id}","text":"news item ${index}"}\n`);
    const meta = `{"models":["${model}"],"calls":1,"attempts":${retried ? 2 : 1},"retries":${retried ? 1 : 0},"fallbacks":${fellBack ? 1 : 0},"usage":{"inputTokens":124,"outputTokens":146,"reasoningTokens":0,"cachedInputTokens":0,"totalTokens":270},"costUsd":${rowCost},"latencyMs":133}`;
    if (fails) {
      failed += 1;
      failedGroup.push(index);
      await write(
        errors,
        `{"id":"${id}","line":${index + 1},"error":{"code":"tokenoff_blocked","kind":"blocked","message":"Pipeline \\"extract-news\\" failed at step \\"record\\": TokenOff blocked the prompt (row ${id})"}}\n`,
      );
    } else {
      done.push(index);
      await write(
        output,
        `{"id":"${id}","line":${index + 1},"output":{"id":"${id}","event":"financing","companies":[{"name":"Helix Biotech Corp."}],"dates":["2026-03-11"]},"meta":${meta}}\n`,
      );
    }
    // ~7 ms per row over the run, so the run lasts about two hours: the timeline has real spread.
    const rowStart = startNs + BigInt(index) * 7_000_000n;
    const at = (ms: number): string => (rowStart + BigInt(Math.round(ms * 1e6))).toString();
    const span = (n: number): string => hex(index * 8 + n, 16);
    const status = fails ? '{"code":2,"message":"blocked"}' : '{"code":1}';
    const events = retried
      ? `[{"timeUnixNano":"${at(40)}","name":"tokenflow.retry","attributes":[${attribute('tokenflow.reason', rateLimited ? 'rate_limited' : 'overloaded')},${attribute('http.response.status_code', rateLimited ? 429 : 503)}]}${fellBack ? `,{"timeUnixNano":"${at(60)}","name":"tokenflow.fallback","attributes":[${attribute('tokenflow.fallback.from', 'gemini-2.5-flash')},${attribute('tokenflow.fallback.to', model)}]}` : ''}]`
      : fellBack
        ? `[{"timeUnixNano":"${at(60)}","name":"tokenflow.fallback","attributes":[${attribute('tokenflow.fallback.from', 'gemini-2.5-flash')},${attribute('tokenflow.fallback.to', model)}]}]`
        : '[]';
    const usage = fails
      ? ''
      : `,${attribute('gen_ai.usage.input_tokens', 124)},${attribute('gen_ai.usage.output_tokens', 146)},${attribute('tokenflow.cost_usd', rowCost)}`;
    spans.push(
      `{"traceId":"${traceId}","spanId":"${span(4)}","parentSpanId":"${span(3)}","name":"attempt ${model}","kind":3,"startTimeUnixNano":"${at(6)}","endTimeUnixNano":"${at(120)}","attributes":[${attribute('gen_ai.request.model', model)},${attribute('tokenflow.attempt.number', retried ? 2 : 1)}],"events":[],"status":${status}}`,
      `{"traceId":"${traceId}","spanId":"${span(3)}","parentSpanId":"${span(2)}","name":"chat ${model}","kind":3,"startTimeUnixNano":"${at(5)}","endTimeUnixNano":"${at(122)}","attributes":[${attribute('gen_ai.operation.name', 'chat')},${attribute('gen_ai.request.model', 'gemini-2.5-flash')},${attribute('gen_ai.response.model', model)}${usage}],"events":${events},"status":${status}}`,
      `{"traceId":"${traceId}","spanId":"${span(2)}","parentSpanId":"${span(1)}","name":"step record","kind":1,"startTimeUnixNano":"${at(4)}","endTimeUnixNano":"${at(124)}","attributes":[${attribute('tokenflow.step.id', 'record')}${usage}],"events":[],"status":${status}}`,
      `{"traceId":"${traceId}","spanId":"${span(1)}","parentSpanId":"${span(0)}","name":"pipeline extract-news","kind":1,"startTimeUnixNano":"${at(2)}","endTimeUnixNano":"${at(126)}","attributes":[${attribute('tokenflow.pipeline.id', 'extract-news')}],"events":[],"status":${status}}`,
      `{"traceId":"${traceId}","spanId":"${span(0)}","parentSpanId":"${hex(1, 16)}","name":"row","kind":1,"startTimeUnixNano":"${at(0)}","endTimeUnixNano":"${at(128)}","attributes":[${attribute('tokenflow.row.id', id)},${attribute('tokenflow.row.status', fails ? 'failed' : 'done')}],"events":[],"status":${status}}`,
    );
    if (spans.length >= 512) await flushSpans();
    if (done.length + failedGroup.length >= 64) {
      sequence += 1;
      await write(
        journal,
        `{"type":"commit","sequence":${sequence},"outputBytes":0,"errorsBytes":0,"done":[${done.join(',')}],"failed":[${failedGroup.join(',')}],"costUsd":${cost}}\n`,
      );
      done = [];
      failedGroup = [];
    }
  }
  if (spans.length > 0) await flushSpans();
  for (const stream of [output, errors, journal, trace, input]) {
    stream.end();
    await once(stream, 'finish');
  }
  let bytes = 0;
  for (const name of [
    `${runName}.jsonl`,
    `${runName}.errors.jsonl`,
    `${runName}.journal.jsonl`,
    `${runName}.jsonl.trace.jsonl`,
  ]) {
    bytes += (await stat(join(folder, name))).size;
  }
  return { failed, bytes };
}

const generateStart = performance.now();
const generated = await generate();
console.log(
  `generated ${rows.toLocaleString('en-US')} rows (${generated.failed.toLocaleString('en-US')} failed), ${(generated.bytes / 1e6).toFixed(0)} MB of run files in ${((performance.now() - generateStart) / 1000).toFixed(1)} s`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const results: string[][] = [];
try {
  for (let round = 1; round <= rounds; round += 1) {
    const server = await startUiServer({ folder, port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = performance.now();
    await page.goto(server.url);
    await page.locator('[data-testid=overview]').waitFor({ timeout: 600_000 });
    const firstPaint = performance.now() - started;
    // The page's own mark, from navigation start: without the time Playwright takes to open the page.
    const painted = await page.evaluate(
      () => performance.getEntriesByName('run-painted')[0]?.startTime ?? Number.NaN,
    );
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation' as never)[0] as unknown as
        | { domContentLoadedEventEnd: number }
        | undefined;
      return entry ? entry.domContentLoadedEventEnd : Number.NaN;
    });
    const partial = await page.getByTestId('rows-finished').textContent();
    await page.locator('[data-testid=overview][data-indexed=true]').waitFor({ timeout: 1_800_000 });
    const indexed = performance.now() - started;
    const finished = await page.getByTestId('rows-finished').textContent();
    const pageStart = performance.now();
    const failedPage = (await (
      await fetch(`${server.url}api/run?id=${runName}.jsonl&failed=9000&limit=50`)
    ).json()) as { rows: unknown[] };
    const failedPageMs = performance.now() - pageStart;
    const traceStart = performance.now();
    const waterfall = (await (
      await fetch(`${server.url}api/run?id=${runName}.jsonl&row=r999937`)
    ).json()) as { spans?: unknown[] };
    const traceMs = performance.now() - traceStart;
    globalThis.gc?.();
    const memory = process.memoryUsage();
    results.push([
      String(round),
      firstPaint.toFixed(0),
      painted.toFixed(0),
      navigation.toFixed(0),
      String(partial),
      (indexed / 1000).toFixed(1),
      String(finished),
      `${failedPageMs.toFixed(0)} (${failedPage.rows.length} rows)`,
      `${traceMs.toFixed(0)} (${waterfall.spans?.length ?? 0} spans)`,
      (memory.heapUsed / 2 ** 20).toFixed(0),
      (memory.rss / 2 ** 20).toFixed(0),
    ]);
    console.log(results.at(-1)?.join(' | '));
    await page.close();
    await server.close();
  }
} finally {
  await browser.close();
  if (!process.argv.includes('--keep')) await rm(folder, { recursive: true, force: true });
}

await writeResult(
  'ui-first-paint',
  `# Run viewer: first paint on a ${rows.toLocaleString('en-US')}-row run

${machineFacts()}

\`\`\`
cd bench && node --expose-gc --import tsx src/ui-first-paint.ts --rows ${rows} --rounds ${rounds}
\`\`\`

Generated run files: ${rows.toLocaleString('en-US')} rows, ${generated.failed.toLocaleString('en-US')} failed, ${(generated.bytes / 1e6).toFixed(0)} MB (output, errors, journal, and a trace with 5 spans per row).
A new server each round, so each round indexes the files from nothing. First paint: \`page.goto\` until the
run's numbers are on the page (chromium headless, loopback); each request waits at most 100 ms (\`indexWaitMs\`)
for indexing, then answers with what is read so far, and the page polls until the files are read. Heap is after a forced GC, once
everything is indexed (this process also holds Playwright's client).

${markdownTable(
  [
    'round',
    'goto until numbers shown (ms)',
    'page: numbers painted (ms after navigation start)',
    'page: DOMContentLoaded (ms)',
    'rows finished at first paint',
    'fully indexed (s)',
    'rows finished, indexed',
    'failed rows 9,000-9,049 (ms)',
    'last failed row waterfall (ms)',
    'heap after GC (MB)',
    'RSS (MB)',
  ],
  results,
)}
`,
);
