import { resolve } from 'node:path';
import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { FileRoot } from './file-root.js';
import { type FileToolOptions, fileToolOptionsSchema, positiveIntegerOption } from './file-tool-options.js';
import { defaultExcludedNames } from './name-patterns.js';
import { type WalkEntry, walkFiles } from './walk-files.js';

/** Options for {@link listFiles}. */
export interface ListFilesOptions extends FileToolOptions {
  /**
   * The most entries one call lists; the answer says when there were more.
   * @default 500
   */
  maxEntries?: number;
}

const listFilesSchema = z.object({
  path: z
    .string()
    .optional()
    .describe('Folder to list, relative to the root, with forward slashes. Default: the root itself.'),
  recursive: z.boolean().optional().describe('List everything below the folder too. Default false.'),
});

/** The options `list_files` takes from a YAML pipeline. */
export const listFilesOptionsSchema = fileToolOptionsSchema
  .extend({ maxEntries: positiveIntegerOption('maxEntries', 100_000).default(500) })
  .strict();

/**
 * `list_files`: lists a folder inside `root` (optionally recursively), one root-relative path per line,
 * folders ending in `/`, files with their size. Symlinks are shown but not followed; excluded names
 * (secrets) are hidden; paths outside the root are refused.
 * @example
 * const tool = listFiles({ root: './docs' });
 * await tool.invoke({ recursive: true });
 */
export function listFiles(options: ListFilesOptions): ReadableErrorTool<typeof listFilesSchema> {
  const fileRoot = new FileRoot(options.root, options.exclude ?? defaultExcludedNames);
  const maxEntries = options.maxEntries ?? 500;
  return defineTool({
    name: 'list_files',
    description:
      'List the files and folders in the working folder, or in a folder below it. Paths in the answer are ' +
      'relative to the working folder and can be passed to read_file as they are; folders end with "/". ' +
      `At most ${maxEntries} entries per call.`,
    schema: listFilesSchema,
    run: async ({ path = '.', recursive = false }) => {
      try {
        const folder = await fileRoot.resolveExisting(path);
        if (!folder.stats.isDirectory()) {
          return errorResult(`\`${path}\` is a file, not a folder; use read_file to read it.`);
        }
        const lines: string[] = [];
        let more = false;
        for await (const entry of walkFiles(fileRoot, folder.relative, recursive)) {
          if (lines.length === maxEntries) {
            more = true;
            break;
          }
          lines.push(describeEntry(entry));
        }
        const where = folder.relative === '.' ? 'the root folder' : `\`${folder.relative}\``;
        if (lines.length === 0) return `${where} is empty.`;
        const header = `${where}: ${lines.length} entries${more ? ` (stopped at ${maxEntries}; list a subfolder to see the rest)` : ''}`;
        return `${header}\n${lines.join('\n')}`;
      } catch (thrown) {
        return errorResult(describeThrown(thrown));
      }
    },
  });
}

function describeEntry(entry: WalkEntry): string {
  if (entry.kind === 'folder') return `${entry.relative}/`;
  if (entry.kind === 'symlink') return `${entry.relative} (symlink)`;
  if (entry.kind === 'other') return `${entry.relative} (not a regular file)`;
  return entry.size === undefined ? entry.relative : `${entry.relative} (${entry.size} bytes)`;
}

/** Registry entry for `list_files`. */
export const listFilesFactory: ToolFactory<z.output<typeof listFilesOptionsSchema>> = {
  name: 'list_files',
  summary: 'List files and folders inside a root folder (symlinks shown, never followed; secrets hidden).',
  options: listFilesOptionsSchema,
  create: (options, context) => listFiles({ ...options, root: resolve(context.baseDir, options.root) }),
};
