import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.js';

describe('splitText', () => {
  const text =
    'The capital of Poland is Warsaw. It lies on the Vistula river, and its old town was rebuilt after the war. '.repeat(
      6,
    );

  it('gives the text back when the pieces are joined', () => {
    expect(splitText(text, 60).join('')).toBe(text);
  });

  it('starts with a short delta, then pieces of about chunkChars cut after a space', () => {
    const pieces = splitText(text, 80);
    expect(pieces[0]?.length).toBeLessThanOrEqual(20);
    for (const piece of pieces.slice(1, -1)) {
      expect(piece.length).toBeLessThanOrEqual(80);
      expect(piece.length).toBeGreaterThan(30);
      expect(piece.endsWith(' ')).toBe(true);
    }
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(50);
    for (const piece of splitText(emoji, 7)) {
      expect(piece.length % 2).toBe(0);
    }
  });

  it('keeps an empty text as one empty delta', () => {
    expect(splitText('', 10)).toEqual(['']);
  });
});
