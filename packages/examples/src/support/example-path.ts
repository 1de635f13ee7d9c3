import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A path inside the examples package (data, documents, ...), wherever the script is run from. */
export function examplePath(...segments: string[]): string {
  return fileURLToPath(new URL(`../../${segments.join('/')}`, import.meta.url));
}

/**
 * Where examples write their results: `out/` in the examples package, or `TOKENFLOW_EXAMPLES_OUT` when
 * set (the tests use it to keep runs apart).
 */
export function outputPath(...segments: string[]): string {
  const folder = process.env.TOKENFLOW_EXAMPLES_OUT;
  return folder ? resolve(folder, ...segments) : examplePath('out', ...segments);
}
