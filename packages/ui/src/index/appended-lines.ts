import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';

/** What a reader is told for each complete line: its text and where it starts in the file. */
export type LineHandler = (text: string, byteOffset: number) => 'ok' | 'skipped';

/**
 * Follows one append-only JSONL file (output, errors, journal, trace): each `readNew()` streams only the
 * bytes written since the last call, so a live run is re-indexed in time proportional to what it added
 * and memory stays flat whatever the file's size. A file that shrank (a resume cuts torn tails, a
 * restart empties it) is read again from the start after `onRestart`.
 */
export class AppendedLines {
  /** Bytes consumed up to the end of the last complete line. */
  private consumed = 0;
  /** Bytes after `consumed` that do not end with a newline yet: a line being written or a torn one. */
  private pendingBytes = 0;
  /** Complete lines whose handler said `skipped` (corrupt JSON, a line of the wrong shape). */
  skippedLines = 0;
  /** Complete, non-blank lines read. */
  lines = 0;
  exists = false;
  /** The file's size when the current (or last) read began: with `readBytes`, how far indexing is. */
  sizeBytes = 0;

  constructor(
    readonly path: string,
    private readonly onLine: LineHandler,
    private readonly onRestart: () => void,
  ) {}

  /** Bytes of the file indexed so far. */
  get readBytes(): number {
    return this.consumed + this.pendingBytes;
  }

  /** A last line without its newline: being written now, or torn by a crash. */
  get hasPartialTail(): boolean {
    return this.pendingBytes > 0;
  }

  /** Makes the next `readNew()` read the whole file again, counting from zero. */
  forgetPosition(): void {
    this.consumed = 0;
    this.pendingBytes = 0;
    this.skippedLines = 0;
    this.lines = 0;
  }

  /** Looks at the file's size without reading it, so progress counts files not read yet. */
  async measure(): Promise<void> {
    const stats = await lstat(this.path).catch(() => undefined);
    this.exists = stats?.isFile() === true;
    this.sizeBytes = this.exists && stats ? stats.size : 0;
  }

  /** Reads what was appended since the last call. */
  async readNew(): Promise<void> {
    // lstat, not stat: a symbolic link (which could point outside the run folder) counts as no file.
    const size = await lstat(this.path).then(
      (stats) => (stats.isFile() ? stats.size : -1),
      () => -1,
    );
    this.exists = size >= 0;
    if (size < 0) return;
    this.sizeBytes = size;
    if (size < this.consumed + this.pendingBytes) {
      this.forgetPosition();
      this.onRestart();
    }
    if (size === this.consumed + this.pendingBytes) return;
    let carry: Buffer[] = [];
    let carryLength = 0;
    let lineStart = this.consumed;
    // 256 KiB chunks: each is parsed in one go, so smaller chunks let requests in sooner while indexing.
    const stream = createReadStream(this.path, {
      start: this.consumed,
      end: size - 1,
      highWaterMark: 1 << 18,
    });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let newline = chunk.indexOf(10, from); newline !== -1; newline = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, newline);
        const text =
          carryLength === 0
            ? piece.toString('utf8')
            : Buffer.concat([...carry, piece], carryLength + piece.length).toString('utf8');
        this.take(text, lineStart);
        lineStart += carryLength + piece.length + 1;
        carry = [];
        carryLength = 0;
        from = newline + 1;
      }
      if (from < chunk.length) {
        const rest = chunk.subarray(from);
        carry.push(rest);
        carryLength += rest.length;
      }
      this.consumed = lineStart;
    }
    this.consumed = lineStart;
    this.pendingBytes = carryLength;
  }

  private take(text: string, byteOffset: number): void {
    if (text.trim() === '') return;
    this.lines += 1;
    if (this.onLine(text, byteOffset) === 'skipped') this.skippedLines += 1;
  }
}
