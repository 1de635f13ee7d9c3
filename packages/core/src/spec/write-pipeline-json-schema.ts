import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pipelineJsonSchemaText } from './pipeline-json-schema.js';

/** `packages/core/schema/pipeline.schema.json`, found from this file's location. */
export const pipelineJsonSchemaPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../schema/pipeline.schema.json',
);

/** Writes the published JSON Schema of the pipeline format (`pnpm --filter @tokenflow/core run schema`). */
export async function writePipelineJsonSchema(path: string = pipelineJsonSchemaPath): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, pipelineJsonSchemaText());
  return path;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const path = await writePipelineJsonSchema();
  process.stdout.write(`wrote ${path}\n`);
}
