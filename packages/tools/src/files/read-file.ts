import { resolve } from 'node:path';
import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { looksBinary, utf8Boundary, utf8Start } from '../shared/detect-binary.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { systemFailure } from './file-refusals.js';
import { FileRoot } from './file-root.js';
import { type FileToolOptions, fileToolOptionsSchema, positiveIntegerOption } from './file-tool-options.js';
import { defaultExcludedNames } from './name-patterns.js';

/** Options for {@link readFile}. */
export interface ReadFileOptions extends FileToolOptions {
  /**
   * The most bytes one call returns. A longer file is cut at this size and the answer says which
   * `offset` reads on, so the model pages through it instead of flooding its context.
   * @default 100_000
   * @example `readFile({ root: './docs', maxReadBytes: 20_000 })`
   */
  maxReadBytes?: number;
}

const readFileSchema = z.object({
  path: z
    .string()
    .describe('Path of the file relative to the root, with forward slashes, e.g. "notes/today.md".'),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Byte offset to start reading at, to continue a file that was cut off. Default 0.'),
});

/** The options `read_file` takes from a YAML pipeline. */
export const readFileOptionsSchema = fileToolOptionsSchema
  .extend({ maxReadBytes: positiveIntegerOption('maxReadBytes', 10_000_000).default(100_000) })
  .strict();

/**
 * `read_file`: reads a UTF-8 text file inside `root`. Refuses paths outside the root (`..`, absolute
 * paths, encoded dots, NUL bytes, symlinks leading out), excluded secret files, and shows binary files
 * only as a one-line description.
 * @example
 * const tool = readFile({ root: './docs' });
 * await tool.invoke({ path: 'guide.md' });
 */
export function readFile(options: ReadFileOptions): ReadableErrorTool<typeof readFileSchema> {
  const fileRoot = new FileRoot(options.root, options.exclude ?? defaultExcludedNames);
  const maxReadBytes = options.maxReadBytes ?? 100_000;
  return defineTool({
    name: 'read_file',
    description:
      'Read a text file from the working folder. Give a path relative to that folder, with forward slashes ' +
      `(use list_files or search_files to find it). Returns up to ${maxReadBytes} bytes; a longer file ends ` +
      'with a note giving the offset to read on from. Paths outside the folder, secret files such as .env, ' +
      'and binary files are refused.',
    schema: readFileSchema,
    run: async ({ path, offset = 0 }) => {
      try {
        const { handle, resolved } = await fileRoot.openForRead(path);
        try {
          const size = resolved.stats.size;
          if (offset > size) {
            return errorResult(
              `offset ${offset} is past the end of \`${path}\` (${size} bytes); use an offset below ${size}.`,
            );
          }
          const buffer = Buffer.alloc(Math.min(maxReadBytes, size - offset));
          const { bytesRead } = await handle
            .read(buffer, 0, buffer.length, offset)
            .catch((cause: unknown) => {
              throw systemFailure(path, 'read', cause);
            });
          // An offset inside a character starts at the next whole one.
          const first = utf8Start(buffer.subarray(0, bytesRead));
          const bytes = buffer.subarray(first, bytesRead);
          if (looksBinary(bytes)) {
            return `\`${resolved.relative}\` is a binary file (${size} bytes); read_file only shows UTF-8 text.`;
          }
          const from = offset + first;
          const to = from + utf8Boundary(bytes, bytes.length);
          const text = bytes.subarray(0, to - from).toString('utf8');
          if (to >= size) return text;
          return (
            `${text}\n\n[read_file: showed bytes ${from}-${to} of ${size} in \`${resolved.relative}\`; ` +
            `call read_file with offset ${to} to read on]`
          );
        } finally {
          await handle.close();
        }
      } catch (thrown) {
        return errorResult(describeThrown(thrown));
      }
    },
  });
}

/** Registry entry for `read_file`. */
export const readFileFactory: ToolFactory<z.output<typeof readFileOptionsSchema>> = {
  name: 'read_file',
  summary: 'Read a UTF-8 text file inside a root folder (paged, size-capped, symlink-safe).',
  options: readFileOptionsSchema,
  create: (options, context) => readFile({ ...options, root: resolve(context.baseDir, options.root) }),
};
