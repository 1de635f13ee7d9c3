/**
 * Child process of `batch-resume.ts`: a batch whose rows each call the emulator once. Appends the row id
 * to a calls log before each call (so the parent can count re-sent calls), prints `row-end` lines as
 * rows become durable, and `start <ms>` once the journal is loaded and the first row can start.
 * Argument: JSON `{ input, output, callsLog, url, concurrency, window }`.
 */
import { appendFileSync } from 'node:fs';
import { runBatch } from '@tokenflow/core';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  input: string;
  output: string;
  callsLog: string;
  url: string;
  concurrency: number;
  window: number;
};
const model = 'gemini-2.5-flash-lite';
const began = performance.now();

await runBatch<{ id: string; text: string }>({
  input: { path: options.input, idField: 'id' },
  output: options.output,
  concurrency: options.concurrency,
  limits: { window: options.window },
  countRows: false,
  onEvent: (event) => {
    if (event.type === 'batch-start')
      process.stdout.write(`start ${(performance.now() - began).toFixed(1)}\n`);
    if (event.type === 'row-end' || event.type === 'row-error') process.stdout.write('row-end\n');
  },
  process: async (row, { signal }) => {
    appendFileSync(options.callsLog, `${row.id}\n`);
    const response = await fetch(`${options.url}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench-key' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: `Summarize: ${row.text}` }] }] }),
      signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as { candidates?: { content?: { parts?: { text?: string }[] } }[] };
    return { output: body.candidates?.[0]?.content?.parts?.[0]?.text ?? '' };
  },
});
process.stdout.write('done\n');
