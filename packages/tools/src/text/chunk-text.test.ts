import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text.js';

describe('chunkText', () => {
  it('splits on paragraphs first, keeping offsets into the original text', () => {
    const text = 'First paragraph here.\n\nSecond paragraph, a bit longer.\n\nThird.';
    expect(chunkText(text, { maxTokens: 8 })).toEqual([
      { index: 0, text: 'First paragraph here.', start: 0, end: 21, tokens: 6 },
      { index: 1, text: 'Second paragraph, a bit longer.', start: 23, end: 54, tokens: 8 },
      { index: 2, text: 'Third.', start: 56, end: 62, tokens: 2 },
    ]);
  });

  it('packs small paragraphs together up to maxTokens', () => {
    const chunks = chunkText('One.\n\nTwo.\n\nThree.', { maxTokens: 100 });
    expect(chunks.map((chunk) => chunk.text)).toEqual(['One.\n\nTwo.\n\nThree.']);
  });

  it('falls back to sentences, then words, then characters for what does not fit', () => {
    const sentences = chunkText('Alpha beta gamma. Delta epsilon zeta. Eta theta iota.', { maxTokens: 5 });
    expect(sentences.map((chunk) => chunk.text)).toEqual([
      'Alpha beta gamma.',
      'Delta epsilon zeta.',
      'Eta theta iota.',
    ]);
    const word = chunkText('x'.repeat(10), { maxTokens: 1, estimateTokens: (text) => text.length });
    expect(word.map((chunk) => chunk.text)).toEqual(Array.from({ length: 10 }, () => 'x'));
  });

  it('repeats whole sentences as overlap, never more than overlapTokens', () => {
    const text = 'One one one. Two two two. Three three. Four four four.';
    const chunks = chunkText(text, { maxTokens: 8, overlapTokens: 4 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      'One one one. Two two two.',
      'Two two two. Three three.',
      'Three three. Four four four.',
    ]);
  });

  it('uses the injected estimator', () => {
    const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
    const chunks = chunkText('a b c d e f g', { maxTokens: 3, estimateTokens: words });
    expect(chunks.map((chunk) => [chunk.text, chunk.tokens])).toEqual([
      ['a b c', 3],
      ['d e f', 3],
      ['g', 1],
    ]);
  });

  it('explains bad limits', () => {
    expect(() => chunkText('x', { maxTokens: 0 })).toThrow(
      'Expected `maxTokens` to be a whole number from 1 up, got `0`',
    );
    expect(() => chunkText('x', { maxTokens: 10, overlapTokens: 10 })).toThrow(
      'Expected `overlapTokens` to be a whole number from 0 up to below maxTokens (10), got `10`',
    );
    expect(() => chunkText('x', { maxTokens: 1.5 })).toThrow(
      expect.objectContaining({ name: 'TokenflowError', code: 'invalid_option' }),
    );
  });

  it('never repeats a chunk start when the overlap begins with whitespace only (found by the property below)', () => {
    const chunks = chunkText('\n\n?\t/   !!!!!', { maxTokens: 2, overlapTokens: 1 });
    expect(chunks.map(({ start, end }) => [start, end])).toEqual([
      [2, 5],
      [8, 13],
    ]);
  });

  it('returns no chunks for empty or blank text', () => {
    expect(chunkText('', { maxTokens: 5 })).toEqual([]);
    expect(chunkText(' \n\n \t', { maxTokens: 5 })).toEqual([]);
  });
});

describe('chunkText properties', () => {
  const piece = fc.oneof(
    fc.constantFrom('word', 'a', 'Sentence ends.', ' ', '\n', '\n\n', '! ', '?', 'ünïcødé', '日本語。', '\t'),
    fc.string({ maxLength: 30 }),
  );
  const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
  const limits = fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 39 }))
    .map(([maxTokens, overlap]) => ({ maxTokens, overlapTokens: overlap % maxTokens }));

  it('gives chunks that are exact slices, within the limit, in order, covering every non-space character', () => {
    fc.assert(
      fc.property(text, limits, (input, options) => {
        const chunks = chunkText(input, options);
        const covered = new Array<boolean>(input.length).fill(false);
        chunks.forEach((chunk, index) => {
          expect(chunk.index).toBe(index);
          expect(chunk.text).toBe(input.slice(chunk.start, chunk.end));
          expect(chunk.tokens).toBeLessThanOrEqual(options.maxTokens);
          expect(chunk.text.trim()).toBe(chunk.text);
          expect(chunk.text.length).toBeGreaterThan(0);
          if (index > 0) {
            const previous = chunks[index - 1];
            expect(chunk.start).toBeGreaterThan(previous?.start ?? -1);
            expect(chunk.end).toBeGreaterThan(previous?.end ?? -1);
            if (options.overlapTokens === 0) expect(chunk.start).toBeGreaterThanOrEqual(previous?.end ?? 0);
          }
          for (let at = chunk.start; at < chunk.end; at += 1) covered[at] = true;
        });
        covered.forEach((isCovered, at) => {
          if (!/\s/.test(input[at] ?? '')) expect(isCovered).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
