import { createReadStream } from 'node:fs';
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
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === 0x0a) {
        if (lineHasContent) count += 1;
        lineHasContent = false;
      } else if (!lineHasContent && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        // A BOM (EF BB BF) alone on the first line would count; harmless for a progress total.
        lineHasContent = true;
      }
    }
  }
  return lineHasContent ? count + 1 : count;
}
