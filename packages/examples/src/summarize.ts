/**
 * Summarization by map-reduce: each bundled document is split into chunks (chunk_text), every chunk is
 * summarised on a flash model in parallel, and the notes are combined on a pro model into a typed result
 * (title, key points, one-paragraph summary). Pro falls back to flash when overloaded or out of quota.
 *
 *   pnpm --filter @tokenflow/examples summarize            # offline, against the built-in emulator
 *   pnpm --filter @tokenflow/examples summarize --emulator-faults faults/pro-overloaded.json
 *
 * Writes out/summaries.json.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { llm, pipeline, step } from '@tokenflow/core';
import { chunkText } from '@tokenflow/tools';
import { z } from 'zod';
import { examplePath, outputPath } from './support/example-path.js';
import { startExampleSession } from './support/example-session.js';

const Document = z.object({ title: z.string(), text: z.string() });
const Chunk = z.object({ title: z.string(), index: z.number().int(), text: z.string() });
const Notes = z.object({ key_points: z.array(z.string()).min(1).max(4) });
const Summary = z.object({
  title: z.string().min(1),
  key_points: z.array(z.string()).min(3).max(6),
  summary: z.string().min(1),
});

const split = step({
  id: 'split',
  input: Document,
  output: z.array(Chunk),
  run: ({ title, text }) =>
    chunkText(text, { maxTokens: 300, overlapTokens: 20 }).map((chunk) => ({
      title,
      index: chunk.index,
      text: chunk.text,
    })),
});

const summarizeChunk = llm({
  id: 'summarize_chunk',
  model: 'gemini-2.5-flash',
  thinking: { budgetTokens: 0 },
  input: Chunk,
  prompt: ({ title, index, text }) =>
    `Summarize part ${index + 1} of the document "${title}" in two or three key points:\n\n${text}`,
  output: Notes,
});

const combine = llm({
  id: 'combine',
  model: 'gemini-2.5-pro',
  system: 'You write faithful, precise summaries. Never add facts that are not in the notes.',
  input: z.object({ title: z.string(), notes: z.array(Notes) }),
  prompt: ({ title, notes }) =>
    `Combine these notes on "${title}" into one summary with a title, the five most important key points ` +
    `and a one-paragraph summary.\n\n${notes.flatMap((note) => note.key_points).join('\n')}`,
  output: Summary,
  repair: { maxAttempts: 2 },
});

export const summarizePipeline = pipeline('summarize', { input: Document })
  .then(split)
  .map(summarizeChunk, { concurrency: 4 })
  // The combining step also needs the document's title, from the pipeline input.
  .then(combine, ({ input, last }) => ({ title: input.title, notes: last }));

async function main(): Promise<void> {
  const session = await startExampleSession();
  try {
    const folder = examplePath('documents');
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md')).sort();
    const results = [];
    for (const file of files) {
      const markdown = await readFile(join(folder, file), 'utf8');
      // The first line is the document's `# Title`; the rest is the text to summarise.
      const [heading = file, ...body] = markdown.split('\n');
      const title = heading.replace(/^#\s*/, '');
      const text = body.join('\n').trim();
      console.log(`\n# ${file} (${text.length.toLocaleString('en-US')} characters)`);
      const run = await summarizePipeline.run({ title, text }, { gateway: session.gateway });
      const chunks = run.steps.split.length;
      console.log(
        `  ${chunks} chunks summarised in parallel, combined on ${run.records.at(-1)?.models.join(' -> ')}`,
      );
      console.log(`  title: ${run.output.title}`);
      for (const point of run.output.key_points) console.log(`  - ${point}`);
      console.log(`  summary: ${run.output.summary}`);
      console.log(
        `  tokens ${run.usage.totalTokens} (thinking ${run.usage.reasoningTokens}), $${run.costUsd.toFixed(6)}`,
      );
      results.push({ file, ...run.output, chunks, costUsd: run.costUsd });
    }
    const output = outputPath('summaries.json');
    await mkdir(outputPath(), { recursive: true });
    await writeFile(output, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${output}`);
  } finally {
    await session.finish();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
