import { open } from 'node:fs/promises';
import type { InputFormat } from './input-format.js';
import { readCsvRecords } from './read-csv-records.js';

/**
 * Counts the rows of an input file for progress displays, in one streaming pass: JSONL counts
 * non-blank lines without parsing them; CSV is parsed (quoted fields may span lines).
 */
export async function countInputRows(
  path: string,
  format: InputFormat,
  maxLineBytes?: number,
): Promise<number> {
  if (format === 'csv') {
    let count = 0;
    for await (const _record of readCsvRecords(path, maxLineBytes === undefined ? {} : { maxLineBytes }))
      count += 1;
    return count;
  }
  let count = 0;
  let lineHasContent = false;
  // One buffer, read into again and again: a read stream allocates a fresh 64 KB chunk per read, and a
  // 1M-row file read that fast left ~40 MB of freed chunks in the allocator, in RSS for the whole run.
  const buffer = Buffer.allocUnsafe(countChunkBytes);
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i] as number;
        if (byte === 0x0a) {
          if (lineHasContent) count += 1;
          lineHasContent = false;
        } else if (!lineHasContent && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
          // A BOM (EF BB BF) alone on the first line would count; harmless for a progress total.
          lineHasContent = true;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return lineHasContent ? count + 1 : count;
}

const countChunkBytes = 64 * 1024;
