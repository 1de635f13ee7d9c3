import { TokenflowError } from '@tokenflow/core';
import { estimateTokens, type TokenEstimator } from './estimate-tokens.js';

/** One piece of a text split by {@link chunkText}. */
export interface TextChunk {
  /** Position in the list, from 0. */
  index: number;
  /** The chunk, exactly `text.slice(start, end)`. */
  text: string;
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset just past the last character in the original text. */
  end: number;
  /** Estimated tokens of `text`. */
  tokens: number;
}

/** How {@link chunkText} splits. */
export interface ChunkTextOptions {
  /**
   * The most (estimated) tokens per chunk.
   * @example `chunkText(book, { maxTokens: 1_000, overlapTokens: 100 })`
   */
  maxTokens: number;
  /**
   * About how many tokens of the end of one chunk are repeated at the start of the next, so a
   * sentence cut between chunks keeps its context. Whole sentences (or words) are repeated, never
   * more than this; must be below `maxTokens`.
   * @default 0
   */
  overlapTokens?: number;
  /**
   * How tokens are counted.
   * @default estimateTokens (about 4 characters per token)
   */
  estimateTokens?: TokenEstimator;
}

// Split points, coarsest first: paragraphs, then sentences, then words. Each piece keeps the
// separator that follows it, so pieces always tile the text.
const boundaries = [/\n[ \t]*\n\s*/g, /[.!?\u3002\uff01\uff1f]+["'\u201d\u2019)\]]*\s+/g, /\s+/g];

/**
 * Splits text into chunks of at most `maxTokens` on paragraph boundaries, then sentence boundaries,
 * then words, cutting inside a word only when a single word is too long. Offsets point into the
 * original text; whitespace between chunks is dropped.
 * @example
 * chunkText('First paragraph.\n\nSecond one.', { maxTokens: 5 });
 * // [{ index: 0, text: 'First paragraph.', start: 0, end: 16, tokens: 4 }, { index: 1, text: 'Second one.', ... }]
 */
export function chunkText(text: string, options: ChunkTextOptions): TextChunk[] {
  const { maxTokens, overlapTokens = 0 } = options;
  const estimate = options.estimateTokens ?? estimateTokens;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`maxTokens\` to be a whole number from 1 up, got \`${maxTokens}\``,
    );
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new TokenflowError(
      'invalid_option',
      `Expected \`overlapTokens\` to be a whole number from 0 up to below maxTokens (${maxTokens}), got \`${overlapTokens}\``,
    );
  }
  const fits = (start: number, end: number, limit: number) => {
    const [from, to] = trimmed(text, start, end);
    return estimate(text.slice(from, to)) <= limit;
  };
  const units = splitUnits(text, [0, text.length, 0], 0, (start, end) => fits(start, end, maxTokens));
  const chunks: TextChunk[] = [];
  let first = 0;
  let previousStart = -1;
  let previousEnd = -1;
  while (first < units.length) {
    let last = first;
    while (last + 1 < units.length && fits(startOf(units, first), endOf(units, last + 1), maxTokens))
      last += 1;
    last = coarsestEnd(units, first, last);
    const [start, end] = trimmed(text, startOf(units, first), endOf(units, last));
    if (end > start && end > previousEnd) {
      // An overlap that begins with whitespace only can trim to the previous chunk's own start: the new
      // chunk then contains the previous one and takes its place, so starts and ends both keep rising.
      const replacesPrevious = start <= previousStart;
      chunks.splice(replacesPrevious ? chunks.length - 1 : chunks.length, 1, {
        index: replacesPrevious ? chunks.length - 1 : chunks.length,
        text: text.slice(start, end),
        start,
        end,
        tokens: estimate(text.slice(start, end)),
      });
      previousStart = start;
      previousEnd = end;
    }
    if (last + 1 >= units.length) break;
    first = overlapStart(
      units,
      first,
      last,
      (from, to) => fits(from, to, overlapTokens),
      (from) => fits(from, endOf(units, last + 1), maxTokens),
    );
  }
  return chunks;
}

/** A piece of text and how coarse the boundary after it is (0 paragraph, 1 sentence, 2 word, 3 none). */
type Unit = [start: number, end: number, endLevel: number];

const startOf = (units: Unit[], index: number) => (units[index] as Unit)[0];
const endOf = (units: Unit[], index: number) => (units[index] as Unit)[1];
const levelOf = (units: Unit[], index: number) => (units[index] as Unit)[2];

/** Pieces that each fit, split at the coarsest boundary that makes them fit. */
function splitUnits(
  text: string,
  unit: Unit,
  level: number,
  fits: (start: number, end: number) => boolean,
): Unit[] {
  const [start, end, endLevel] = unit;
  if (fits(start, end)) return [unit];
  const boundary = boundaries[level];
  if (boundary === undefined) return hardSplit(unit, fits);
  const pieces: Unit[] = [];
  let pieceStart = start;
  for (const match of text.slice(start, end).matchAll(boundary)) {
    const cut = start + match.index + match[0].length;
    if (cut > pieceStart && cut < end) {
      pieces.push([pieceStart, cut, level]);
      pieceStart = cut;
    }
  }
  pieces.push([pieceStart, end, endLevel]);
  return pieces.flatMap((piece) => splitUnits(text, piece, level + 1, fits));
}

/**
 * Ends a chunk at the coarsest boundary in its second half (a paragraph end rather than a sentence
 * end, a sentence end rather than a word), so chunks break where the text does.
 */
function coarsestEnd(units: Unit[], first: number, last: number): number {
  const span = endOf(units, last) - startOf(units, first);
  let best = last;
  for (let candidate = last - 1; candidate >= first; candidate -= 1) {
    if (endOf(units, candidate) - startOf(units, first) < span / 2) break;
    if (levelOf(units, candidate) < levelOf(units, best)) best = candidate;
  }
  return best;
}

/** Cuts a piece with no boundary left (one enormous word) into the longest runs that fit. */
function hardSplit([start, end, endLevel]: Unit, fits: (start: number, end: number) => boolean): Unit[] {
  const units: Unit[] = [];
  let from = start;
  while (from < end) {
    let low = from + 1;
    let high = end;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(from, middle)) low = middle;
      else high = middle - 1;
    }
    units.push([from, low, low === end ? endLevel : boundaries.length]);
    from = low;
  }
  return units;
}

/**
 * Where the next chunk starts: the earliest unit after `first` such that the units from it to `last`
 * fit in the overlap and the next chunk can still take in a new unit; otherwise right after `last`.
 */
function overlapStart(
  units: Unit[],
  first: number,
  last: number,
  fitsOverlap: (from: number, to: number) => boolean,
  leavesRoom: (from: number) => boolean,
): number {
  let start = last + 1;
  for (let candidate = last; candidate > first; candidate -= 1) {
    if (!fitsOverlap(startOf(units, candidate), endOf(units, last)) || !leavesRoom(startOf(units, candidate)))
      break;
    start = candidate;
  }
  return start;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from] ?? '')) from += 1;
  while (to > from && /\s/.test(text[to - 1] ?? '')) to -= 1;
  return [from, to];
}
