import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BatchError } from './batch-error.js';
import type { InputFormat } from './input-format.js';

/** Bytes hashed at each end of the input to recognise it cheaply. */
const sampleBytes = 64 * 1024;

/**
 * What the journal remembers of the input file, to notice when a resumed run points at different data.
 * Size plus hashes of the first and last 64 KB catch appends, truncation and most edits without reading
 * the whole file; `mtimeMs` is kept for people reading the journal but not compared (copying a file
 * changes it without changing the rows).
 */
export interface InputIdentity {
  path: string;
  format: InputFormat;
  size: number;
  mtimeMs: number;
  headSha256: string;
  tailSha256: string;
}

export async function readInputIdentity(path: string, format: InputFormat): Promise<InputIdentity> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new BatchError(
      'batch-input-unreadable',
      `Cannot open the input file ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path`,
      { cause: error, path },
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new BatchError('batch-input-unreadable', `The input ${path} is not a regular file`, { path });
    }
    const headLength = Math.min(sampleBytes, stats.size);
    const tailStart = Math.max(0, stats.size - sampleBytes);
    return {
      path: resolve(path),
      format,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      headSha256: await hashRange(handle, 0, headLength),
      tailSha256: await hashRange(handle, tailStart, stats.size - tailStart),
    };
  } finally {
    await handle.close();
  }
}

/** Why `current` is not the input the journal was made from, or `undefined` when it is. */
export function describeInputChange(journal: InputIdentity, current: InputIdentity): string | undefined {
  if (journal.format !== current.format) return `its format was ${journal.format}, now ${current.format}`;
  if (journal.size !== current.size) return `its size was ${journal.size} bytes, now ${current.size}`;
  if (journal.headSha256 !== current.headSha256) return 'its first 64 KB changed';
  if (journal.tailSha256 !== current.tailSha256) return 'its last 64 KB changed';
  return undefined;
}

async function hashRange(
  handle: Awaited<ReturnType<typeof open>>,
  start: number,
  length: number,
): Promise<string> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, start + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return createHash('sha256').update(buffer.subarray(0, read)).digest('hex');
}
