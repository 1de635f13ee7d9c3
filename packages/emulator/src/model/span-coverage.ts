import type { Span } from './find-names.js';

/** Which character positions earlier spans cover, for linear-time overlap checks on long texts. */
export class Coverage {
  readonly #positions = new Set<number>();

  add(span: Span): void {
    for (let position = span.index; position < span.index + span.text.length; position += 1)
      this.#positions.add(position);
  }

  overlaps(span: Span): boolean {
    for (let position = span.index; position < span.index + span.text.length; position += 1) {
      if (this.#positions.has(position)) return true;
    }
    return false;
  }
}
