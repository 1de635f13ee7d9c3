import type { ToolFactory } from '@tokenflow/core';
import { z } from 'zod';
import { defineTool, type ReadableErrorTool } from '../shared/define-tool.js';
import { describeThrown, errorResult } from '../shared/error-result.js';
import { chunkText } from './chunk-text.js';
import { estimateTokens, type TokenEstimator } from './estimate-tokens.js';

/** Options for {@link chunkTextTool}. */
export interface ChunkTextToolOptions {
  /**
   * Chunk size used when the model does not give one, in estimated tokens.
   * @default 1_000
   */
  defaultMaxTokens?: number;
  /**
   * The longest text accepted, in characters.
   * @default 500_000
   */
  maxInputChars?: number;
  /**
   * How tokens are counted.
   * @default estimateTokens (about 4 characters per token)
   */
  estimateTokens?: TokenEstimator;
}

const chunkTextSchema = z.object({
  text: z.string().describe('The text to split.'),
  maxTokens: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The most tokens per chunk (about 4 characters per token).'),
  overlapTokens: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Tokens repeated from the end of one chunk at the start of the next. Default 0.'),
});

/** The options `chunk_text` takes from a YAML pipeline. */
export const chunkTextOptionsSchema = z
  .object({
    defaultMaxTokens: z.number().int().min(1).max(1_000_000).optional(),
    maxInputChars: z.number().int().min(1).max(100_000_000).optional(),
  })
  .strict();

/**
 * `chunk_text`: splits a long text into chunks of about `maxTokens` tokens on paragraph, then sentence
 * boundaries, with optional overlap; answers JSON `{ chunks: [{ index, tokens, start, end, text }] }`.
 * For code, use {@link chunkText} directly.
 * @example
 * await chunkTextTool().invoke({ text: longReport, maxTokens: 500, overlapTokens: 50 });
 */
export function chunkTextTool(options: ChunkTextToolOptions = {}): ReadableErrorTool<typeof chunkTextSchema> {
  const defaultMaxTokens = options.defaultMaxTokens ?? 1_000;
  const maxInputChars = options.maxInputChars ?? 500_000;
  const estimate = options.estimateTokens ?? estimateTokens;
  return defineTool({
    name: 'chunk_text',
    description:
      'Split a long text into chunks of about maxTokens tokens (default ' +
      `${defaultMaxTokens}), breaking at paragraphs, then sentences, with optional overlap. Returns JSON with ` +
      "each chunk's index, estimated tokens, character offsets and text.",
    schema: chunkTextSchema,
    run: ({ text, maxTokens = defaultMaxTokens, overlapTokens = 0 }) => {
      if (text.length > maxInputChars) {
        return errorResult(
          `the text is ${text.length} characters; chunk_text accepts at most ${maxInputChars}.`,
        );
      }
      try {
        const chunks = chunkText(text, { maxTokens, overlapTokens, estimateTokens: estimate });
        return JSON.stringify({ chunks });
      } catch (thrown) {
        return errorResult(`${describeThrown(thrown)}; call chunk_text again with valid numbers.`);
      }
    },
  });
}

/** Registry entry for `chunk_text`. */
export const chunkTextFactory: ToolFactory<z.output<typeof chunkTextOptionsSchema>> = {
  name: 'chunk_text',
  summary: 'Split text into chunks of about N tokens on paragraph and sentence boundaries, with overlap.',
  options: chunkTextOptionsSchema,
  create: (options) => chunkTextTool(options),
};
