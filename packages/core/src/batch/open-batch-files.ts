import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BatchError } from './batch-error.js';
import { type JournalSession, type JournalState, journalVersion, loadJournal } from './batch-journal.js';
import { acquireBatchLock } from './batch-lock.js';
import { FinishedRows } from './finished-rows.js';
import { describeInputChange, type InputIdentity } from './input-identity.js';

/** The three files of a batch, opened for appending, and what earlier runs left in them. */
export interface BatchFiles {
  output: FileHandle;
  errors: FileHandle;
  journal: FileHandle;
  /** Rows finished by earlier runs (empty on a fresh start). */
  finished: FinishedRows;
  /** Totals of earlier runs, from the journal. */
  previous: { doneRows: number; failedRows: number; costUsd: number };
  outputBytes: number;
  errorsBytes: number;
  sequence: number;
  resumed: boolean;
  /** Bytes cut off the end of each file (a torn line or rows that never committed). */
  repaired: { outputBytes: number; errorsBytes: number; journalBytes: number };
  close(): Promise<void>;
}

export interface OpenBatchFilesOptions {
  outputPath: string;
  errorsPath: string;
  journalPath: string;
  input: InputIdentity;
  fingerprint: string | undefined;
  idField: string | undefined;
  restart: boolean;
  allowChanged: boolean;
  startedAt: string;
  fsync: boolean;
}

/**
 * Takes the lock, then either starts fresh (restart, or nothing there yet) or resumes: checks that the
 * pipeline and input are the ones the journal was made with, cuts the output and errors files back to
 * what the journal committed (dropping torn lines and rows that never committed), and appends a session
 * line.
 */
export async function openBatchFiles(options: OpenBatchFilesOptions): Promise<BatchFiles> {
  const lock = await acquireBatchLock(`${options.journalPath}.lock`);
  const handles: FileHandle[] = [];
  try {
    const state = options.restart ? undefined : await loadJournal(options.journalPath);
    if (state) checkSession(state, options);
    else if (!options.restart) await refuseForeignOutput(options);

    const repaired = { outputBytes: 0, errorsBytes: 0, journalBytes: state?.tornBytes ?? 0 };
    const openAt = async (
      path: string,
      keepBytes: number,
      key: 'outputBytes' | 'errorsBytes' | undefined,
    ) => {
      const handle = await openForAppend(path);
      handles.push(handle);
      const size = (await handle.stat()).size;
      if (size < keepBytes) {
        throw new BatchError(
          'batch-journal-corrupt',
          `${path} has ${size} bytes but the journal committed ${keepBytes}; the file was changed or lost. ` +
            'Start over with restart (move the files aside first to keep them)',
          { path },
        );
      }
      if (size > keepBytes) {
        await handle.truncate(keepBytes);
        if (key) repaired[key] = size - keepBytes;
      }
      return handle;
    };
    const output = await openAt(options.outputPath, state?.outputBytes ?? 0, 'outputBytes');
    const errors = await openAt(options.errorsPath, state?.errorsBytes ?? 0, 'errorsBytes');
    const journal = await openAt(options.journalPath, state?.validBytes ?? 0, undefined);

    const session: JournalSession = {
      type: 'session',
      version: journalVersion,
      fingerprint: options.fingerprint ?? null,
      input: options.input,
      idField: options.idField ?? null,
      startedAt: options.startedAt,
    };
    await journal.write(`${JSON.stringify(session)}\n`);
    if (options.fsync) {
      await Promise.all([output.sync(), errors.sync(), journal.sync()]);
      await syncDirectory(dirname(options.journalPath));
    }
    return {
      output,
      errors,
      journal,
      finished: state?.finished ?? new FinishedRows(),
      previous: {
        doneRows: state?.doneRows ?? 0,
        failedRows: state?.failedRows ?? 0,
        costUsd: state?.costUsd ?? 0,
      },
      outputBytes: state?.outputBytes ?? 0,
      errorsBytes: state?.errorsBytes ?? 0,
      sequence: state?.sequence ?? 0,
      resumed: state !== undefined,
      repaired,
      close: async () => {
        await Promise.all(handles.map((handle) => handle.close().catch(() => undefined)));
        await lock.release();
      },
    };
  } catch (error) {
    await Promise.all(handles.map((handle) => handle.close().catch(() => undefined)));
    await lock.release();
    throw error;
  }
}

function checkSession(state: JournalState, options: OpenBatchFilesOptions): void {
  if (options.allowChanged) return;
  const { session } = state;
  const fingerprint = options.fingerprint ?? null;
  if (session.fingerprint !== fingerprint) {
    throw new BatchError(
      'batch-pipeline-changed',
      `The pipeline changed since this batch started (journal ${options.journalPath} has fingerprint ` +
        `${String(session.fingerprint)}, now ${String(fingerprint)}). Finished rows were made by the old pipeline: ` +
        'use restart to run every row again, or allowChanged to keep them and run only the rest with the new one',
      { path: options.journalPath },
    );
  }
  const inputChange = describeInputChange(session.input, options.input);
  if (inputChange !== undefined) {
    throw new BatchError(
      'batch-input-changed',
      `The input ${options.input.path} is not the file this batch started on (${inputChange}). ` +
        'Rows are matched by position, so resuming on other data would skip the wrong rows: ' +
        'use restart to start over, or allowChanged if only rows after the finished ones were added',
      { path: options.input.path },
    );
  }
  if ((session.idField ?? undefined) !== options.idField) {
    throw new BatchError(
      'batch-pipeline-changed',
      `The id field changed since this batch started (was ${String(session.idField)}, now ${String(options.idField)}); ` +
        'use the same id field to resume, or restart',
      { path: options.journalPath },
    );
  }
}

async function refuseForeignOutput(options: OpenBatchFilesOptions): Promise<void> {
  const size = await stat(options.outputPath).then(
    (stats) => stats.size,
    () => 0,
  );
  if (size > 0) {
    throw new BatchError(
      'batch-output-exists',
      `${options.outputPath} already has ${size} bytes and there is no journal (${options.journalPath}) to resume from; ` +
        'choose another output, or use restart to overwrite it',
      { path: options.outputPath },
    );
  }
}

async function openForAppend(path: string): Promise<FileHandle> {
  try {
    // 'a+' creates the file if needed; writes always go to the end, even after a truncate.
    return await open(path, 'a+');
  } catch (error) {
    throw new BatchError(
      'batch-write-failed',
      `Cannot open ${path} for writing (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the directory exists and is writable`,
      { cause: error, path },
    );
  }
}

async function syncDirectory(path: string): Promise<void> {
  // Makes newly created files survive a power loss; not every platform allows it, which is harmless.
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
