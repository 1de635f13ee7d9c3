import { resolve } from 'node:path';
import { TokenflowError, type ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { systemFailure } from './file-refusals.js';
import { FileRoot } from './file-root.js';
import { type FileToolOptions, fileToolOptionsSchema, positiveIntegerOption } from './file-tool-options.js';
import { defaultExcludedNames } from './name-patterns.js';

/** Options for {@link writeFile}. */
export interface WriteFileOptions extends FileToolOptions {
  /**
   * Must be `true`: a tool that writes files is never created by accident (a copied tool list, a
   * YAML file from someone else).
   * @example `writeFile({ root: './out', allowWrite: true })`
   */
  allowWrite: true;
  /**
   * The most bytes one call may write (UTF-8). Larger content is refused, not cut.
   * @default 1_000_000
   */
  maxWriteBytes?: number;
}

const writeFileSchema = z.object({
  path: z
    .string()
    .describe('Path of the file relative to the root, with forward slashes, e.g. "out/summary.md".'),
  content: z.string().describe('The full text to write (UTF-8).'),
  ifExists: z
    .enum(['fail', 'overwrite', 'append'])
    .optional()
    .describe('What to do when the file exists: "fail" (default), "overwrite" or "append".'),
});

/** The options `write_file` takes from a YAML pipeline. */
export const writeFileOptionsSchema = fileToolOptionsSchema
  .extend({
    allowWrite: z.literal(true, {
      error:
        'write_file writes files, so it must be enabled explicitly: add `allowWrite: true` to its options',
    }),
    maxWriteBytes: positiveIntegerOption('maxWriteBytes', 100_000_000).default(1_000_000),
  })
  .strict();

/**
 * `write_file`: writes a UTF-8 text file inside `root`, creating folders as needed. Off unless
 * `allowWrite: true`. Refuses everything `read_file` refuses, symlinks as targets, existing files
 * unless `ifExists` says otherwise, and content over `maxWriteBytes`.
 * @example
 * const tool = writeFile({ root: './out', allowWrite: true });
 * await tool.invoke({ path: 'summary.md', content: '# Summary' });
 */
export function writeFile(options: WriteFileOptions): ReadableErrorTool<typeof writeFileSchema> {
  if (options.allowWrite !== true) {
    throw new TokenflowError(
      'tool_options_invalid',
      'write_file writes files, so it must be enabled explicitly: pass `allowWrite: true` in its options.',
    );
  }
  const fileRoot = new FileRoot(options.root, options.exclude ?? defaultExcludedNames);
  const maxWriteBytes = options.maxWriteBytes ?? 1_000_000;
  return defineTool({
    name: 'write_file',
    description:
      'Write a text file in the working folder, creating folders as needed. Give a path relative to that ' +
      `folder, with forward slashes. At most ${maxWriteBytes} bytes per call. An existing file is kept unless ` +
      'ifExists is "overwrite" or "append". Paths outside the folder and secret files such as .env are refused.',
    schema: writeFileSchema,
    run: async ({ path, content, ifExists = 'fail' }) => {
      const bytes = Buffer.from(content, 'utf8');
      if (bytes.length > maxWriteBytes) {
        return errorResult(
          `the content is ${bytes.length} bytes; write_file accepts at most ${maxWriteBytes}. ` +
            'Split it over several files, or write it in parts with ifExists "append".',
        );
      }
      try {
        const { handle, relative, existed } = await fileRoot.openForWrite(path, ifExists);
        try {
          if (ifExists === 'overwrite') await handle.truncate(0);
          await handle.writeFile(bytes);
        } catch (cause) {
          throw systemFailure(path, 'write', cause);
        } finally {
          await handle.close();
        }
        const verb = !existed ? 'Created' : ifExists === 'append' ? 'Appended to' : 'Overwrote';
        return `${verb} \`${relative}\` (${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'} written).`;
      } catch (thrown) {
        return errorResult(describeThrown(thrown));
      }
    },
  });
}

/** Registry entry for `write_file`; its options must include `allowWrite: true`. */
export const writeFileFactory: ToolFactory<z.output<typeof writeFileOptionsSchema>> = {
  name: 'write_file',
  summary: 'Write a UTF-8 text file inside a root folder (off unless allowWrite: true; size-capped).',
  options: writeFileOptionsSchema,
  create: (options, context) => writeFile({ ...options, root: resolve(context.baseDir, options.root) }),
};
