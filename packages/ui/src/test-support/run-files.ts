import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Lines shaped like the ones `runBatch` writes, for a run named `name` in `folder`. */
export function runPaths(folder: string, name = 'out') {
  return {
    output: join(folder, `${name}.jsonl`),
    errors: join(folder, `${name}.errors.jsonl`),
    journal: join(folder, `${name}.journal.jsonl`),
    trace: join(folder, `${name}.jsonl.trace.jsonl`),
  };
}

export function doneLine(id: string, costUsd: number, model = 'gemini-2.5-flash'): string {
  return `${JSON.stringify({
    id,
    line: 1,
    output: { ok: true },
    meta: {
      models: [model],
      calls: 1,
      attempts: 2,
      retries: 1,
      fallbacks: 0,
      usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 5, cachedInputTokens: 0, totalTokens: 30 },
      costUsd,
      latencyMs: 12,
    },
  })}\n`;
}

export function failedLine(id: string, message: string): string {
  return `${JSON.stringify({ id, line: 2, error: { code: 'tokenoff_blocked', message } })}\n`;
}

export function sessionLine(inputPath: string): string {
  return `${JSON.stringify({
    type: 'session',
    version: 1,
    fingerprint: null,
    input: { path: inputPath, format: 'jsonl', size: 0, mtimeMs: 0, headSha256: '', tailSha256: '' },
    idField: 'id',
    startedAt: '2026-12-07T10:00:00.000Z',
  })}\n`;
}

export function commitLine(sequence: number, done: number[], failed: number[]): string {
  return `${JSON.stringify({ type: 'commit', sequence, outputBytes: 0, errorsBytes: 0, done, failed, costUsd: 0 })}\n`;
}

export async function writeRun(
  folder: string,
  files: { output?: string; errors?: string; journal?: string; trace?: string },
  name = 'out',
): Promise<ReturnType<typeof runPaths>> {
  const paths = runPaths(folder, name);
  for (const key of ['output', 'errors', 'journal', 'trace'] as const) {
    const text = files[key];
    if (text !== undefined) await writeFile(paths[key], text);
  }
  return paths;
}

export { appendFile };
