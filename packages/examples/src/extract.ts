/**
 * Extraction as a resumable batch: typed records (companies, people, dates, amounts, event type) pulled
 * from the bundled news items with a zod schema, validated, with the repair loop for answers that do not
 * match. Output JSONL plus a short report.
 *
 *   pnpm --filter @tokenflow/examples extract
 *   pnpm --filter @tokenflow/examples extract --limit 50 --restart
 *   pnpm --filter @tokenflow/examples extract --emulator-faults faults/slow-models.json
 *
 * Writes out/extract.jsonl (one line per news item), out/extract.errors.jsonl and out/extract-report.md.
 * Interrupt it (Ctrl-C) and run it again: finished items are not sent again.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { BatchController, llm, pipeline, pipelineRowProcessor, runBatch } from '@tokenflow/core';
import { z } from 'zod';
import { examplePath, outputPath } from './support/example-path.js';
import { startExampleSession } from './support/example-session.js';

const NewsItem = z.object({ id: z.string(), source: z.string(), text: z.string() });

export const NewsRecord = z.object({
  event: z.enum([
    'acquisition',
    'earnings',
    'expansion',
    'stock_move',
    'partnership',
    'regulation',
    'appointment',
    'financing',
  ]),
  companies: z.array(z.object({ name: z.string().min(2) })).min(1),
  people: z.array(z.object({ name: z.string().min(3), title: z.string().optional() })),
  dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date such as 2026-03-05')),
  amounts: z.array(
    z.object({ value: z.number().positive(), currency: z.enum(['USD', 'EUR', 'GBP']), context: z.string() }),
  ),
});

export const extractPipeline = pipeline('extract', { input: NewsItem }).then(
  llm({
    id: 'record',
    model: 'gemini-2.5-flash',
    temperature: 0,
    thinking: { budgetTokens: 0 },
    system: 'You extract facts from news items. Use only what the text says.',
    input: NewsItem,
    prompt: ({ source, text }) =>
      `Extract the companies, people, dates (ISO) and money amounts from this news item, and classify the event.\n\nNews item (${source}):\n${text}`,
    output: NewsRecord,
    repair: { maxAttempts: 3 },
  }),
);

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((argument) => argument !== '--'), // npm run passes a literal `--` through
    options: {
      limit: { type: 'string' },
      restart: { type: 'boolean' },
      'emulator-faults': { type: 'string' },
    },
  });
  const session = await startExampleSession();
  const controller = new BatchController();
  process.on('SIGINT', () => {
    console.log(
      controller.interrupt() === 'stop'
        ? '\nStopping after the items in flight; Ctrl-C again to stop now.'
        : '\nCancelling the items in flight.',
    );
  });
  await mkdir(outputPath(), { recursive: true });
  let input = examplePath('data', 'news.jsonl');
  if (values.limit !== undefined) {
    const lines = (await readFile(input, 'utf8')).split('\n').slice(0, Number(values.limit));
    input = outputPath(`news-first-${values.limit}.jsonl`);
    await writeFile(input, `${lines.join('\n')}\n`);
  }
  const output = outputPath('extract.jsonl');
  try {
    const summary = await runBatch({
      input: { path: input, idField: 'id', schema: NewsItem },
      output,
      process: pipelineRowProcessor(extractPipeline, { gateway: session.gateway }),
      concurrency: 8,
      restart: values.restart === true,
      signal: controller.signal,
      stopSignal: controller.stopSignal,
      onEvent: (event) => {
        if (event.type === 'batch-start' && event.resumed) {
          console.log(`Resuming: ${event.alreadyFinished} items were finished by an earlier run.`);
        }
        if (
          (event.type === 'row-end' || event.type === 'row-error') &&
          (event.progress.done + event.progress.failed) % 50 === 0
        ) {
          console.log(
            `  ${event.progress.done + event.progress.failed} items, $${event.progress.costUsd.toFixed(4)}`,
          );
        }
      },
    });
    const report = await writeReport(output, summary.rows);
    console.log(report);
    if (summary.resumeHint) console.log(summary.resumeHint);
    if (summary.stopReason === 'stopped' || summary.stopReason === 'aborted') process.exitCode = 130;
  } finally {
    await session.finish();
  }
}

/** Counts events, companies and amounts over every extracted record, and writes the report. */
async function writeReport(
  output: string,
  rows: { done: number; failed: number; skipped: number },
): Promise<string> {
  const records = (await readFile(output, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => NewsRecord.parse((JSON.parse(line) as { output: unknown }).output));
  const events = new Map<string, number>();
  const companies = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const record of records) {
    events.set(record.event, (events.get(record.event) ?? 0) + 1);
    for (const company of record.companies)
      companies.set(company.name, (companies.get(company.name) ?? 0) + 1);
    for (const amount of record.amounts)
      totals.set(amount.currency, (totals.get(amount.currency) ?? 0) + amount.value);
  }
  const top = [...companies].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const report = [
    '# Extraction report',
    '',
    `${records.length} records in the output (this run: ${rows.done} done, ${rows.failed} failed, ${rows.skipped} already done).`,
    '',
    `Events: ${[...events].map(([event, count]) => `${event} ${count}`).join(', ')}`,
    `Most mentioned companies: ${top.map(([name, count]) => `${name} (${count})`).join(', ')}`,
    `Amounts: ${[...totals].map(([currency, total]) => `${currency} ${(total / 1e6).toFixed(1)}M`).join(', ')}`,
  ].join('\n');
  await writeFile(outputPath('extract-report.md'), `${report}\n`);
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
