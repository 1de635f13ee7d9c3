import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real temporary folder for file-tool tests, with helpers to fill it; `remove()` deletes it. */
export interface TempFolder {
  path: string;
  file(relative: string, content: string | Uint8Array): Promise<string>;
  folder(relative: string): Promise<string>;
  link(relative: string, target: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createTempFolder(prefix = 'tokenflow-tools-'): Promise<TempFolder> {
  const path = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  return {
    path,
    async file(relative, content) {
      const absolute = join(path, relative);
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, content);
      return absolute;
    },
    async folder(relative) {
      const absolute = join(path, relative);
      await mkdir(absolute, { recursive: true });
      return absolute;
    },
    async link(relative, target) {
      const absolute = join(path, relative);
      await mkdir(dirname(absolute), { recursive: true });
      await symlink(target, absolute);
      return absolute;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
