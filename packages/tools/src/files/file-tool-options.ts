import { z } from 'zod';
import { defaultExcludedNames } from './name-patterns.js';

/** Options every file tool shares. */
export interface FileToolOptions {
  /**
   * The folder the tool is confined to. It must exist. In YAML pipelines a relative path resolves
   * against the pipeline file's folder; in TypeScript against `process.cwd()`.
   * @example `readFile({ root: './docs' })`
   */
  root: string;
  /**
   * File and folder names refused anywhere below the root (and hidden from listings and searches),
   * matched case-insensitively with `*` as a wildcard. Pass `[]` to allow everything.
   * @default defaultExcludedNames (`.env`, `.env.*`, `.git`, `.ssh`, `*.pem`, `*.key`, `id_rsa*`, ...)
   * @example `exclude: [...defaultExcludedNames, 'node_modules']`
   */
  exclude?: readonly string[];
}

/** The zod form of {@link FileToolOptions}, for YAML pipelines. */
export const fileToolOptionsSchema = z
  .object({
    root: z.string().min(1, 'root must name a folder, for example ./docs'),
    exclude: z.array(z.string().min(1)).default([...defaultExcludedNames]),
  })
  .strict();

/** A positive whole number option, with a message naming the option. */
export function positiveIntegerOption(name: string, max: number) {
  return z
    .number()
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`);
}
