import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { closestMatch } from '../errors/closest-match.js';
import { compilePipeline } from './compile-pipeline.js';
import { locatePathIssues } from './path-issue.js';
import { type SpecIssue, sortSpecIssues } from './spec-issue.js';
import {
  checkPipelineText,
  type PipelineValidation,
  type PipelineValidationOptions,
} from './validate-pipeline-text.js';
import { resolveYamlLimits } from './yaml-limits.js';

/** A pipeline file read from disk, or the issue that prevented reading it. */
export type PipelineFileRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly issue: SpecIssue };

/**
 * Reads a pipeline file, refusing one larger than the size limit before reading it into memory.
 * A missing file gets a did-you-mean from the files beside where it was expected.
 */
export async function readPipelineFile(path: string, maxSourceLength?: number): Promise<PipelineFileRead> {
  const limit = resolveYamlLimits({
    ...(maxSourceLength === undefined ? {} : { maxSourceLength }),
  }).maxSourceLength;
  const fail = (message: string, suggestion?: string): PipelineFileRead => ({
    ok: false,
    issue: {
      file: path,
      line: 1,
      column: 1,
      code: 'file_unreadable',
      message,
      ...(suggestion === undefined ? {} : { suggestion }),
    },
  });
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail(`${path} is not a file`, 'pass the path of a .yaml pipeline file');
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so a larger file is surely over the limit.
    if (info.size > limit * 3) {
      return {
        ok: false,
        issue: {
          file: path,
          line: 1,
          column: 1,
          code: 'source_too_large',
          message: `the file is ${info.size} bytes, more than the limit of ${limit} characters`,
          suggestion: 'split the pipeline, or move long texts into the input data',
        },
      };
    }
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const siblings = await readdir(dirname(path)).catch(() => [] as string[]);
      const match = closestMatch(basename(path), siblings);
      return fail(
        `pipeline file not found: ${path}`,
        match === undefined ? 'check the path' : `did you mean ${match}?`,
      );
    }
    return fail(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * Validates a pipeline file completely, exactly as `loadPipeline` does before a run: everything
 * `validatePipelineText` checks, then builds its tools (a factory may refuse its options; tool argument
 * names are checked against each tool's schema). Issues name the file as `path` was given. Never throws
 * for a bad or missing file: the problem is an issue.
 */
export async function validatePipelineFile(
  path: string,
  options: PipelineValidationOptions,
): Promise<PipelineValidation> {
  const read = await readPipelineFile(path, options.limits?.maxSourceLength);
  if (!read.ok) return { file: path, issues: [read.issue] };
  const { locator, ...validation } = checkPipelineText(read.text, { ...options, file: path });
  if (validation.pipeline === undefined) return validation;
  // Build the tools too, as a run would: a factory may refuse its options, and tool arguments are checked.
  const compiled = compilePipeline(validation.pipeline, {
    tools: options.tools,
    baseDir: dirname(resolve(path)),
  });
  if (compiled.issues.length === 0) return validation;
  return { file: path, issues: sortSpecIssues(locatePathIssues(compiled.issues, locator, path)) };
}
