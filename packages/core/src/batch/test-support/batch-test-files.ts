import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServedCall } from '../../gateway/gateway-events.js';

/** A fresh temporary directory and a function that removes it. */
export async function makeTempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-batch-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes rows (objects are JSON-encoded, strings written as they are) one per line. */
export async function writeJsonl(path: string, rows: readonly (object | string)[]): Promise<void> {
  await writeFile(
    path,
    `${rows.map((row) => (typeof row === 'string' ? row : JSON.stringify(row))).join('\n')}\n`,
  );
}

/** The parsed lines of a JSONL file (none if it does not exist). */
export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/** `count` rows `{ id: "r<i>", n: i }`. */
export function numberedRows(count: number): { id: string; n: number }[] {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i}`, n: i }));
}

/** A served call as a routed model would report it. */
export function servedCall(overrides: Partial<ServedCall> = {}): ServedCall {
  const model = overrides.model ?? 'gemini-2.5-flash';
  return {
    callId: 'call-1',
    requestedModel: model,
    model,
    modelsTried: [model],
    attempts: 1,
    waitMs: 0,
    latencyMs: 5,
    usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 5, cachedInputTokens: 0, totalTokens: 30 },
    costUsd: 0.001,
    cached: false,
    ...overrides,
  };
}
