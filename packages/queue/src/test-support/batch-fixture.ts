import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolRegistry } from '@tokenflow/core';
import { type LoadedPipeline, loadPipeline } from '@tokenflow/core/spec';

/** No tools: the test pipelines call models only. */
export const noTools: ToolRegistry = { get: () => undefined, names: () => [] };

export const testPipelineYaml = `name: label-rows
models:
  default: gemini-2.5-flash-lite
  fallback: []
input:
  id: id
  fields: { id: string, text: string }
steps:
  - id: label
    kind: llm
    prompt: "Label this text with one word: {{ input.text }}"
    output: { label: string }
`;

/** A folder with the test pipeline and an input of `rows` rows; `lines(file)` reads a JSONL file. */
export async function batchFixture(rows: number) {
  const dir = await mkdtemp(join(tmpdir(), 'tokenflow-queue-'));
  await writeFile(join(dir, 'label.yaml'), testPipelineYaml);
  await writeFile(
    join(dir, 'rows.jsonl'),
    Array.from(
      { length: rows },
      (_, i) => `${JSON.stringify({ id: `r${i + 1}`, text: `Row number ${i + 1}.` })}\n`,
    ).join(''),
  );
  await mkdir(join(dir, 'out'), { recursive: true });
  return batchFixtureFrom(dir);
}

/** The fixture of a folder `batchFixture` made (for a second process on the same batch). */
export async function batchFixtureFrom(dir: string) {
  const pipelinePath = join(dir, 'label.yaml');
  const input = join(dir, 'rows.jsonl');
  const pipeline: LoadedPipeline = await loadPipeline(pipelinePath, { tools: noTools });
  return {
    dir,
    input,
    pipelinePath,
    pipeline,
    output: join(dir, 'out', 'rows.jsonl'),
    errors: join(dir, 'out', 'rows.errors.jsonl'),
    lines: async (file: string): Promise<Record<string, unknown>[]> => {
      const text = await readFile(file, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
