import { open } from 'node:fs/promises';

/** Reads the lines that start at each of `offsets` (byte positions of line starts), at most `maxBytes` each. */
export async function readLinesAt(
  path: string,
  offsets: readonly number[],
  maxBytes = 1 << 20,
): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const lines: string[] = [];
    for (const offset of offsets) {
      const chunks: Buffer[] = [];
      let position = offset;
      let total = 0;
      while (total < maxBytes) {
        const buffer = Buffer.alloc(Math.min(64 * 1024, maxBytes - total));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        const newline = buffer.subarray(0, bytesRead).indexOf(10);
        const end = newline === -1 ? bytesRead : newline;
        chunks.push(buffer.subarray(0, end));
        total += end;
        position += bytesRead;
        if (newline !== -1) break;
      }
      lines.push(Buffer.concat(chunks).toString('utf8'));
    }
    return lines;
  } finally {
    await handle.close();
  }
}
