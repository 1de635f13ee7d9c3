/**
 * The child process of the crash test: runs a batch whose rows each make one real HTTP call to the
 * emulator, printing `row-end` / `row-error` as rows become durable so the parent can kill it (SIGKILL)
 * at a point of its choosing. Arguments: one JSON object (see `CrashWorkerArguments`).
 */
import { runBatch } from '../run-batch.js';

export interface CrashWorkerArguments {
  input: string;
  output: string;
  emulatorUrl: string;
  concurrency: number;
  window: number;
}

interface GenerateResponse {
  candidates?: { content?: { parts?: { text?: string }[] } }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number };
}

const options = JSON.parse(process.argv[2] ?? '{}') as CrashWorkerArguments;
const model = 'gemini-2.5-flash-lite';

const summary = await runBatch<{ id: string; n: number; text: string }>({
  input: { path: options.input, idField: 'id' },
  output: options.output,
  concurrency: options.concurrency,
  limits: { window: options.window },
  onEvent: (event) => {
    if (event.type === 'row-end' || event.type === 'row-error') process.stdout.write(`${event.type}\n`);
  },
  process: async (row, { signal }) => {
    const response = await fetch(`${options.emulatorUrl}/v1beta/models/${model}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'crash-test-key' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: `row ${row.id}: ${row.text}` }] }] }),
      signal,
    });
    if (!response.ok) throw new Error(`the emulator answered HTTP ${response.status}`);
    const body = (await response.json()) as GenerateResponse;
    if (row.n % 37 === 5)
      throw Object.assign(new Error(`row ${row.id} is rejected by the test`), { code: 'test-rejected' });
    const input = body.usageMetadata?.promptTokenCount ?? 0;
    const reasoning = body.usageMetadata?.thoughtsTokenCount ?? 0;
    const output = (body.usageMetadata?.candidatesTokenCount ?? 0) + reasoning;
    return {
      output: body.candidates?.[0]?.content?.parts?.map((part) => part.text ?? '').join('') ?? '',
      calls: [
        {
          callId: `${row.id}`,
          requestedModel: model,
          model,
          modelsTried: [model],
          attempts: 1,
          waitMs: 0,
          latencyMs: 0,
          usage: {
            inputTokens: input,
            outputTokens: output,
            reasoningTokens: reasoning,
            cachedInputTokens: 0,
            totalTokens: input + output,
          },
          costUsd: (input * 0.1 + output * 0.4) / 1e6,
          cached: false,
        },
      ],
    };
  },
});
process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
