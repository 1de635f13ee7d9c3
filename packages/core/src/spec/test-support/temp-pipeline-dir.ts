import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh temporary folder per test, removed after it, with a helper to write pipeline files into it. */
export interface TempPipelineDir {
  /** The folder of the current test. */
  readonly path: string;
  /** Writes `text` to `name` inside the folder and returns the full path. */
  write(name: string, text: string): Promise<string>;
}

/** Registers before/after hooks that create and remove a temporary folder around each test. */
export function useTempPipelineDir(): TempPipelineDir {
  let path = '';
  beforeEach(async () => {
    path = await mkdtemp(join(tmpdir(), 'tokenflow-spec-'));
  });
  afterEach(async () => {
    await rm(path, { recursive: true, force: true });
  });
  return {
    get path() {
      return path;
    },
    async write(name, text) {
      const file = join(path, name);
      await writeFile(file, text);
      return file;
    },
  };
}
