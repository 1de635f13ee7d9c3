import type { FileHandle } from 'node:fs/promises';
import { BatchError } from './batch-error.js';
import type { JournalCommit } from './batch-journal.js';

/** A finished row waiting to be made durable: its line for the output or the errors file. */
export interface PendingRow {
  index: number;
  kind: 'done' | 'failed';
  /** One JSON line, newline included. */
  text: string;
  costUsd: number;
}

/**
 * Group commit. Rows that finish are queued; one writer at a time takes everything queued, appends the
 * lines to the output and errors files, syncs them, then appends one journal `commit` line naming those
 * rows with the new file sizes, and syncs the journal. A row counts as finished only when its commit
 * line is on disk. While one group is being synced the next one gathers, so under load groups grow and
 * the cost of `fsync` is shared; at low rates each row commits on its own with little delay.
 */
export class CommitLog {
  readonly #files: { output: FileHandle; errors: FileHandle; journal: FileHandle };
  readonly #fsync: boolean;
  #queue: { row: PendingRow; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #writing: Promise<void> | undefined;
  #failure: unknown;
  #outputBytes: number;
  #errorsBytes: number;
  #sequence: number;

  constructor(options: {
    files: { output: FileHandle; errors: FileHandle; journal: FileHandle };
    outputBytes: number;
    errorsBytes: number;
    sequence: number;
    fsync: boolean;
  }) {
    this.#files = options.files;
    this.#fsync = options.fsync;
    this.#outputBytes = options.outputBytes;
    this.#errorsBytes = options.errorsBytes;
    this.#sequence = options.sequence;
  }

  /** Queues a row; resolves once it is durable, rejects if writing failed. */
  append(row: PendingRow): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const committed = new Promise<void>((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
    });
    this.#writing ??= this.#writeAll();
    return committed;
  }

  /** Resolves when everything queued so far is written (or failed). */
  async drain(): Promise<void> {
    for (let writing = this.#writing; writing !== undefined; writing = this.#writing) await writing;
  }

  async #writeAll(): Promise<void> {
    try {
      while (this.#queue.length > 0 && this.#failure === undefined) {
        const group = this.#queue;
        this.#queue = [];
        try {
          await this.#commit(group.map((entry) => entry.row));
          for (const entry of group) entry.resolve();
        } catch (error) {
          this.#failure =
            error instanceof BatchError
              ? error
              : new BatchError(
                  'batch-write-failed',
                  `Writing the batch files failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
                    'finished rows up to the last commit are safe: fix the cause (disk full?) and run again to resume',
                  { cause: error },
                );
          for (const entry of [...group, ...this.#queue]) entry.reject(this.#failure);
          this.#queue = [];
        }
      }
    } finally {
      this.#writing = undefined;
    }
  }

  async #commit(rows: PendingRow[]): Promise<void> {
    const outputText = rows.filter((row) => row.kind === 'done').map((row) => row.text);
    const errorsText = rows.filter((row) => row.kind === 'failed').map((row) => row.text);
    const outputBuffer = Buffer.from(outputText.join(''), 'utf8');
    const errorsBuffer = Buffer.from(errorsText.join(''), 'utf8');
    const writes: Promise<unknown>[] = [];
    if (outputBuffer.length > 0) writes.push(writeFully(this.#files.output, outputBuffer));
    if (errorsBuffer.length > 0) writes.push(writeFully(this.#files.errors, errorsBuffer));
    await Promise.all(writes);
    if (this.#fsync) {
      const syncs: Promise<void>[] = [];
      if (outputBuffer.length > 0) syncs.push(this.#files.output.datasync());
      if (errorsBuffer.length > 0) syncs.push(this.#files.errors.datasync());
      await Promise.all(syncs);
    }
    this.#outputBytes += outputBuffer.length;
    this.#errorsBytes += errorsBuffer.length;
    this.#sequence += 1;
    const commit: JournalCommit = {
      type: 'commit',
      sequence: this.#sequence,
      outputBytes: this.#outputBytes,
      errorsBytes: this.#errorsBytes,
      done: rows.filter((row) => row.kind === 'done').map((row) => row.index),
      failed: rows.filter((row) => row.kind === 'failed').map((row) => row.index),
      costUsd: rows.reduce((sum, row) => sum + row.costUsd, 0),
    };
    await writeFully(this.#files.journal, Buffer.from(`${JSON.stringify(commit)}\n`, 'utf8'));
    if (this.#fsync) await this.#files.journal.datasync();
  }
}

async function writeFully(handle: FileHandle, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, written, buffer.length - written);
    written += bytesWritten;
  }
}
