import { extname } from 'node:path';
import { BatchError } from './batch-error.js';

/** The input formats the batch runner reads. */
export type InputFormat = 'jsonl' | 'csv';

const byExtension: Readonly<Record<string, InputFormat>> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'jsonl',
  '.csv': 'csv',
};

/** The explicit format if given, else the one the file extension names (`.jsonl`, `.ndjson`, `.csv`). */
export function detectInputFormat(path: string, explicit?: InputFormat): InputFormat {
  if (explicit !== undefined) {
    if (explicit !== 'jsonl' && explicit !== 'csv') {
      throw new BatchError(
        'batch-invalid-options',
        `Expected \`input.format\` to be "jsonl" or "csv", got ${JSON.stringify(explicit)}`,
      );
    }
    return explicit;
  }
  const format = byExtension[extname(path).toLowerCase()];
  if (!format) {
    throw new BatchError(
      'batch-invalid-options',
      `Cannot tell the format of ${path} from its extension; name it .jsonl or .csv, or set input.format`,
      { path },
    );
  }
  return format;
}
