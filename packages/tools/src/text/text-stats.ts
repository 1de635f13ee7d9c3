import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { estimateTokens, type TokenEstimator } from './estimate-tokens.js';

/** Options for {@link textStats}. */
export interface TextStatsOptions {
  /**
   * How tokens are counted.
   * @default estimateTokens (about 4 characters per token)
   */
  estimateTokens?: TokenEstimator;
}

const textStatsSchema = z.object({ text: z.string().describe('The text to measure.') });

/** The options `text_stats` takes from a YAML pipeline (none). */
export const textStatsOptionsSchema = z.object({}).strict();

/** Counts for a text, as `text_stats` reports them. */
export interface TextStats {
  characters: number;
  words: number;
  sentences: number;
  lines: number;
  paragraphs: number;
  estimatedTokens: number;
  readingMinutes: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Counts characters (code points), words (Unicode word segmentation), sentences, lines and paragraphs. */
export function measureText(text: string, estimate: TokenEstimator = estimateTokens): TextStats {
  let words = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) words += 1;
  const trimmed = text.trim();
  return {
    characters: [...text].length,
    words,
    sentences: trimmed === '' ? 0 : (trimmed.match(/[.!?\u3002\uff01\uff1f]+(?=\s|$)/g)?.length ?? 0) || 1,
    lines: text === '' ? 0 : text.split(/\r\n|\r|\n/).length,
    paragraphs: trimmed === '' ? 0 : trimmed.split(/\n[ \t]*\n\s*/).length,
    estimatedTokens: estimate(text),
    readingMinutes: Math.round((words / 230) * 10) / 10,
  };
}

/**
 * `text_stats`: counts characters, words, sentences, lines and paragraphs of a text and estimates its
 * tokens and reading time, so the model does not have to count (which it does badly).
 * @example
 * await textStats().invoke({ text: 'One. Two three.' }); // {"characters":15,"words":3,"sentences":2,...}
 */
export function textStats(options: TextStatsOptions = {}): ReadableErrorTool<typeof textStatsSchema> {
  const estimate = options.estimateTokens ?? estimateTokens;
  return defineTool({
    name: 'text_stats',
    description:
      'Count the characters, words, sentences, lines and paragraphs of a text, and estimate its tokens and ' +
      'reading time. Use it instead of counting yourself.',
    schema: textStatsSchema,
    run: ({ text }) => JSON.stringify(measureText(text, estimate)),
  });
}

/** Registry entry for `text_stats`. */
export const textStatsFactory: ToolFactory<z.output<typeof textStatsOptionsSchema>> = {
  name: 'text_stats',
  summary: 'Count characters, words, sentences, lines, paragraphs and estimated tokens of a text.',
  options: textStatsOptionsSchema,
  create: () => textStats(),
};
