import { appendFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Writes `bench/results/<name>.md` and prints the same text. With `--append` on the command line the run
 * is added below the runs already in the file, so a series of runs (say five) is kept whole.
 */
export async function writeResult(name: string, text: string): Promise<void> {
  const path = fileURLToPath(new URL(`../../results/${name}.md`, import.meta.url));
  const body = `${text.trim()}\n`;
  if (process.argv.includes('--append')) await appendFile(path, `\n---\n\n${body}`);
  else await writeFile(path, body);
  console.log(text);
  console.log(`\n${process.argv.includes('--append') ? 'appended' : 'written'} to bench/results/${name}.md`);
}
