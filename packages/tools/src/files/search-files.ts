import { resolve } from 'node:path';
import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { looksBinary } from '../shared/detect-binary.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { compileSafeRegex, findMatches } from '../text/safe-regex.js';
import { FileRoot } from './file-root.js';
import { type FileToolOptions, fileToolOptionsSchema, positiveIntegerOption } from './file-tool-options.js';
import { defaultExcludedNames } from './name-patterns.js';
import { walkFiles } from './walk-files.js';

/** Options for {@link searchFiles}. */
export interface SearchFilesOptions extends FileToolOptions {
  /**
   * The most matching lines one call returns.
   * @default 50
   */
  maxResults?: number;
  /**
   * Files larger than this are skipped (and counted in the answer).
   * @default 1_000_000
   */
  maxFileBytes?: number;
  /**
   * The most files one call looks at.
   * @default 5_000
   */
  maxFiles?: number;
  /**
   * The most bytes one call reads in total; the search stops there and says so.
   * @default 50_000_000
   */
  maxTotalBytes?: number;
  /**
   * CPU time a regular expression may take on one file before the search stops with an error.
   * @default 250
   */
  regexTimeoutMs?: number;
}

const searchFilesSchema = z.object({
  query: z.string().describe('The text to look for (or a JavaScript regular expression when regex is true).'),
  regex: z.boolean().optional().describe('Treat query as a regular expression. Default false (plain text).'),
  caseSensitive: z.boolean().optional().describe('Match case exactly. Default false.'),
  path: z
    .string()
    .optional()
    .describe('Folder to search in, relative to the root, with forward slashes. Default: the whole root.'),
});

/** The options `search_files` takes from a YAML pipeline. */
export const searchFilesOptionsSchema = fileToolOptionsSchema
  .extend({
    maxResults: positiveIntegerOption('maxResults', 10_000).default(50),
    maxFileBytes: positiveIntegerOption('maxFileBytes', 100_000_000).default(1_000_000),
    maxFiles: positiveIntegerOption('maxFiles', 1_000_000).default(5_000),
    maxTotalBytes: positiveIntegerOption('maxTotalBytes', 10_000_000_000).default(50_000_000),
    regexTimeoutMs: positiveIntegerOption('regexTimeoutMs', 60_000).default(250),
  })
  .strict();

const maxLineChars = 240;

/**
 * `search_files`: finds lines containing a text (or matching a regular expression) in the text files
 * below a folder inside `root`; answers `path:line: text`. Bounded in results, files, file size and
 * regex CPU time; skips binary files, symlinks and excluded names.
 * @example
 * const tool = searchFiles({ root: './docs' });
 * await tool.invoke({ query: 'refund policy' });
 */
export function searchFiles(options: SearchFilesOptions): ReadableErrorTool<typeof searchFilesSchema> {
  const fileRoot = new FileRoot(options.root, options.exclude ?? defaultExcludedNames);
  const maxResults = options.maxResults ?? 50;
  const maxFileBytes = options.maxFileBytes ?? 1_000_000;
  const maxFiles = options.maxFiles ?? 5_000;
  const maxTotalBytes = options.maxTotalBytes ?? 50_000_000;
  const regexTimeoutMs = options.regexTimeoutMs ?? 250;
  return defineTool({
    name: 'search_files',
    description:
      'Search the text files in the working folder for lines containing a text, or matching a regular ' +
      `expression when regex is true. Answers up to ${maxResults} lines as "path:line: text"; the paths can be ` +
      'passed to read_file. Binary files, symlinks and secret files such as .env are skipped.',
    schema: searchFilesSchema,
    run: async ({ query, regex = false, caseSensitive = false, path = '.' }) => {
      const pattern = compileSafeRegex(
        regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        caseSensitive ? 'u' : 'iu',
      );
      if (!pattern.ok) return errorResult(`search_files: ${pattern.reason}.`);
      try {
        const folder = await fileRoot.resolveExisting(path);
        const files = folder.stats.isDirectory()
          ? walkFiles(fileRoot, folder.relative, true)
          : single(folder.relative);
        const results: string[] = [];
        let filesSeen = 0;
        let skippedLarge = 0;
        let bytesRead = 0;
        let stoppedEarly = false;
        for await (const entry of files) {
          if (entry.kind !== 'file') continue;
          if (filesSeen === maxFiles || results.length === maxResults || bytesRead >= maxTotalBytes) {
            stoppedEarly = true;
            break;
          }
          filesSeen += 1;
          const opened = await fileRoot.openForRead(entry.relative).catch(() => undefined);
          if (opened === undefined) continue;
          try {
            if (opened.resolved.stats.size > maxFileBytes) {
              skippedLarge += 1;
              continue;
            }
            const bytes = await opened.handle.readFile();
            bytesRead += bytes.length;
            if (looksBinary(bytes)) continue;
            const text = bytes.toString('utf8');
            for (const match of findMatches(
              pattern.regex,
              text,
              maxResults - results.length,
              regexTimeoutMs,
            )) {
              const line = formatMatch(entry.relative, text, match.index);
              // Several matches on one line show the line once.
              if (results.at(-1) !== line) results.push(line);
            }
          } finally {
            await opened.handle.close();
          }
        }
        const notes = [
          stoppedEarly
            ? `stopped after ${plural(results.length, 'match', 'matches')} in ${plural(filesSeen, 'file', 'files')}; narrow the query or the path`
            : '',
          skippedLarge > 0 ? `${skippedLarge} files over ${maxFileBytes} bytes were skipped` : '',
        ].filter((note) => note !== '');
        const found = results.length === 0 ? 'No matches' : plural(results.length, 'match', 'matches');
        const summary = `${found} for ${JSON.stringify(query)} in ${plural(filesSeen, 'file', 'files')}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`;
        return [summary, ...results].join('\n');
      } catch (thrown) {
        return errorResult(describeThrown(thrown));
      }
    },
  });
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

async function* single(relative: string) {
  yield { relative, kind: 'file' as const };
}

/** `path:line: text` for the line holding `index`, cut around the match when the line is long. */
function formatMatch(relative: string, text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const lineEndIndex = text.indexOf('\n', index);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  let lineNumber = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < lineStart; at = text.indexOf('\n', at + 1))
    lineNumber += 1;
  let line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  if (line.length > maxLineChars) {
    const from = Math.max(0, index - lineStart - maxLineChars / 2);
    line = `${from > 0 ? '…' : ''}${line.slice(from, from + maxLineChars)}…`;
  }
  return `${relative}:${lineNumber}: ${line.trim()}`;
}

/** Registry entry for `search_files`. */
export const searchFilesFactory: ToolFactory<z.output<typeof searchFilesOptionsSchema>> = {
  name: 'search_files',
  summary: 'Search text files inside a root folder for a string or a time-limited regular expression.',
  options: searchFilesOptionsSchema,
  create: (options, context) => searchFiles({ ...options, root: resolve(context.baseDir, options.root) }),
};
