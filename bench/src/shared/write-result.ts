import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Writes `bench/results/<name>.md` and prints the same text. */
export async function writeResult(name: string, text: string): Promise<void> {
  const path = fileURLToPath(new URL(`../../results/${name}.md`, import.meta.url));
  await writeFile(path, `${text.trim()}\n`);
  console.log(text);
  console.log(`\nwritten to bench/results/${name}.md`);
}
