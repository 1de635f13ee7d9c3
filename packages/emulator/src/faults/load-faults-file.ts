import { readFile } from 'node:fs/promises';
import { EmulatorConfigError } from './emulator-config-error.js';
import type { FaultsFile } from './fault-config.js';
import { parseFaultsFile } from './parse-faults.js';

/** Reads and checks a `--faults FILE` JSON document. Errors name the file and the bad field. */
export async function loadFaultsFile(path: string): Promise<FaultsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new EmulatorConfigError(
      path,
      `cannot read the faults file (${code}); check the path passed to --faults`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EmulatorConfigError(path, `the faults file is not valid JSON (${(error as Error).message})`);
  }
  return parseFaultsFile(value, path);
}
