import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type LoadedPipeline, loadPipeline } from '@tokenflow/core';
import { builtinTools } from '@tokenflow/tools';
import { UsageError } from '../usage-error.js';

/**
 * Loads and checks a YAML pipeline with the built-in tools. A missing file is a `UsageError`; an
 * invalid one throws the `PipelineSpecError` listing every issue with `file:line:col`.
 */
export async function loadPipelineOrExplain(path: string, cwd: string): Promise<LoadedPipeline> {
  const absolute = resolve(cwd, path);
  try {
    await access(absolute);
  } catch {
    throw new UsageError(
      `The pipeline file ${path} does not exist (looked in ${cwd}). Check the path; pipelines are YAML files such as pipelines/summarize.yaml.`,
    );
  }
  return loadPipeline(absolute, { tools: builtinTools });
}

/** Fails with a `UsageError` naming the option when a file that must exist does not. */
export async function requireFile(path: string, option: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    await access(absolute);
  } catch {
    throw new UsageError(`${option} ${path}: no such file (looked in ${cwd}). Check the path.`);
  }
  return absolute;
}
