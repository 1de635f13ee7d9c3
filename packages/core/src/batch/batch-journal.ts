import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { BatchError } from './batch-error.js';
import { FinishedRows } from './finished-rows.js';
import { scanLines } from './scan-lines.js';

/**
 * The journal is a JSONL file. Each run appends one `session` line when it starts (the first line of
 * the file is always one), then one `commit` line per group of rows made durable:
 *
 * ```
 * {"type":"session","version":1,"fingerprint":"…","input":{…},"idField":"id","startedAt":"…"}
 * {"type":"commit","sequence":1,"outputBytes":5120,"errorsBytes":310,"done":[0,2,1],"failed":[3],"costUsd":0.0042}
 * ```
 *
 * `done` and `failed` are 0-based row indexes (position among the input's rows); `outputBytes` and
 * `errorsBytes` are the sizes the output and errors files had once that group was written. Anything in
 * those files past the last commit's sizes was written by rows that never committed, and is cut off on
 * resume (those rows run again).
 */
export const journalVersion = 1;

const inputIdentitySchema = z.object({
  path: z.string(),
  format: z.enum(['jsonl', 'csv']),
  size: z.number(),
  mtimeMs: z.number(),
  headSha256: z.string(),
  tailSha256: z.string(),
});

const sessionSchema = z.object({
  type: z.literal('session'),
  version: z.number(),
  fingerprint: z.string().nullable(),
  input: inputIdentitySchema,
  idField: z.string().nullable(),
  startedAt: z.string(),
});

const commitSchema = z.object({
  type: z.literal('commit'),
  sequence: z.number().int().nonnegative(),
  outputBytes: z.number().int().nonnegative(),
  errorsBytes: z.number().int().nonnegative(),
  done: z.array(z.number().int().nonnegative()),
  failed: z.array(z.number().int().nonnegative()),
  costUsd: z.number().nonnegative(),
});

const lineSchema = z.discriminatedUnion('type', [sessionSchema, commitSchema]);

export type JournalSession = z.infer<typeof sessionSchema>;
export type JournalCommit = z.infer<typeof commitSchema>;

/** What a journal says about the runs before this one. */
export interface JournalState {
  /** The latest session line (fingerprint and input of the last run). */
  session: JournalSession;
  finished: FinishedRows;
  doneRows: number;
  failedRows: number;
  costUsd: number;
  /** Sizes of the output and errors files as of the last commit. */
  outputBytes: number;
  errorsBytes: number;
  sequence: number;
  /** Length of the journal up to its last complete line. */
  validBytes: number;
  /** Bytes after `validBytes`: a torn last line, cut off on resume. */
  tornBytes: number;
}

/** Reads a journal; `undefined` when the file does not exist or is empty. */
export async function loadJournal(path: string): Promise<JournalState | undefined> {
  const size = await stat(path).then(
    (stats) => stats.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return 0;
      throw new BatchError('batch-journal-corrupt', `Cannot read the journal ${path} (${error.code})`, {
        cause: error,
        path,
      });
    },
  );
  if (size === 0) return undefined;

  let state: JournalState | undefined;
  let lineNumber = 0;
  let pendingBad: { line: number; reason: string } | undefined;
  for await (const line of scanLines(path)) {
    lineNumber += 1;
    if (pendingBad) {
      // A bad line followed by more lines is damage in the middle, not a torn tail.
      throw corrupt(path, pendingBad.line, pendingBad.reason);
    }
    const parsed = line.terminated ? parseJournalLine(line.text) : { error: 'the line has no newline' };
    if ('error' in parsed) {
      pendingBad = { line: lineNumber, reason: parsed.error };
      continue;
    }
    const entry = parsed.value;
    if (!state) {
      if (entry.type !== 'session') throw corrupt(path, lineNumber, 'the first line is not a session line');
      state = {
        session: entry,
        finished: new FinishedRows(),
        doneRows: 0,
        failedRows: 0,
        costUsd: 0,
        outputBytes: 0,
        errorsBytes: 0,
        sequence: 0,
        validBytes: line.end,
        tornBytes: 0,
      };
      continue;
    }
    state.validBytes = line.end;
    if (entry.type === 'session') {
      state.session = entry;
      continue;
    }
    for (const index of entry.done) if (state.finished.add(index)) state.doneRows += 1;
    for (const index of entry.failed) if (state.finished.add(index)) state.failedRows += 1;
    state.costUsd += entry.costUsd;
    state.outputBytes = entry.outputBytes;
    state.errorsBytes = entry.errorsBytes;
    state.sequence = entry.sequence;
  }
  if (!state) {
    // Only a torn first line: the run died before its session line was complete.
    return undefined;
  }
  state.tornBytes = size - state.validBytes;
  return state;
}

function parseJournalLine(text: string): { value: z.infer<typeof lineSchema> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = lineSchema.safeParse(json);
  if (!result.success)
    return { error: `not a journal entry (${result.error.issues[0]?.message ?? 'unknown'})` };
  if (result.data.type === 'session' && result.data.version !== journalVersion) {
    return { error: `journal version ${result.data.version} is not supported (expected ${journalVersion})` };
  }
  return { value: result.data };
}

function corrupt(path: string, line: number, reason: string): BatchError {
  return new BatchError(
    'batch-journal-corrupt',
    `${path}:${line}: the journal is damaged (${reason}), and not just in its last line. ` +
      'Move the output, errors and journal files aside and start over with restart',
    { path },
  );
}
