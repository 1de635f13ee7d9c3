export { type ChunkTextOptions, chunkText, type TextChunk } from './chunk-text.js';
export {
  type ChunkTextToolOptions,
  chunkTextFactory,
  chunkTextOptionsSchema,
  chunkTextTool,
} from './chunk-text-tool.js';
export { estimateTokens, type TokenEstimator } from './estimate-tokens.js';
export {
  type RegexExtractOptions,
  regexExtract,
  regexExtractFactory,
  regexExtractOptionsSchema,
} from './regex-extract.js';
export {
  type CompiledRegex,
  compileSafeRegex,
  findMatches,
  type RegexMatch,
  RegexTimeoutError,
  type SafeRegexLimits,
} from './safe-regex.js';
export {
  measureText,
  type TextStats,
  type TextStatsOptions,
  textStats,
  textStatsFactory,
  textStatsOptionsSchema,
} from './text-stats.js';
