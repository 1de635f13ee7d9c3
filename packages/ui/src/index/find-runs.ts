import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The files of one batch run, as `tokenflow run` names them from its output path. */
export interface RunFiles {
  /** The output path relative to the folder, with `/` separators: the run's id in URLs. */
  id: string;
  output: string;
  errors: string;
  journal: string;
  trace: string;
}

const journalSuffix = '.journal.jsonl';
const traceSuffix = '.trace.jsonl';
const maxDepth = 4;

/**
 * The runs in `folder` and its subfolders (a few levels deep): every `X.journal.jsonl` is a run whose
 * output is `X.jsonl`, and every `Y.trace.jsonl` without such a journal is a run known by its trace only.
 * Symbolic links are not followed, and a path that resolves outside the folder is never listed, so
 * nothing outside the folder can be reached through a run id.
 */
export async function findRuns(folder: string): Promise<RunFiles[]> {
  const root = await realpath(folder);
  const found = new Map<string, RunFiles>();
  const traces: string[] = [];
  await walk(root, 0, async (path) => {
    const name = path.slice(path.lastIndexOf(sep) + 1);
    if (name.endsWith(journalSuffix)) {
      const output = `${path.slice(0, -journalSuffix.length)}.jsonl`;
      found.set(output, filesOf(root, output));
    } else if (name.endsWith(traceSuffix)) {
      traces.push(path);
    }
  });
  for (const trace of traces) {
    const output = trace.slice(0, -traceSuffix.length);
    if (!found.has(output)) found.set(output, { ...filesOf(root, output), trace });
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function filesOf(root: string, output: string): RunFiles {
  const base = output.endsWith('.jsonl') ? output.slice(0, -'.jsonl'.length) : output;
  return {
    id: relative(root, output).split(sep).join('/'),
    output,
    errors: `${base}.errors.jsonl`,
    journal: `${base}${journalSuffix}`,
    trace: `${output}${traceSuffix}`,
  };
}

async function walk(directory: string, depth: number, visit: (path: string) => Promise<void>): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(directory, entry.name);
    // Dirent types come from lstat: a symbolic link is neither a file nor a directory here.
    if (entry.isDirectory() && depth < maxDepth) await walk(path, depth + 1, visit);
    else if (entry.isFile()) await visit(path);
  }
}

/** True when `path` is a regular file (not a symbolic link) inside the run folder. */
export async function isPlainFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
