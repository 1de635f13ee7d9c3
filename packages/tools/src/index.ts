// The public surface of @tokenflow/tools: the tools, their options and factories, the registry, the
// contract for writing a tool, and the pure functions behind some tools. Everything else (path and URL
// checks, the guarded DNS lookup, the regex sandbox) is internal. api/tools.index.api.md lists every
// name below, and a test fails when the two differ.

export type { JsonQueryOptions, JsonQueryResult } from './data/index.js';
export { jsonQuery, jsonQueryFactory, queryJson } from './data/index.js';
export type {
  FileToolOptions,
  ListFilesOptions,
  ReadFileOptions,
  SearchFilesOptions,
  WriteFileOptions,
} from './files/index.js';
export {
  defaultExcludedNames,
  listFiles,
  listFilesFactory,
  readFile,
  readFileFactory,
  searchFiles,
  searchFilesFactory,
  writeFile,
  writeFileFactory,
} from './files/index.js';
export type {
  AddressPolicyOptions,
  HostResolver,
  HttpFetchOptions,
  UrlCheck,
  UrlPolicyOptions,
} from './http/index.js';
export { checkFetchTarget, httpFetch, httpFetchFactory } from './http/index.js';
export type { CalculatorOptions } from './math/index.js';
export { allowedMathFunctions, calculator, calculatorFactory } from './math/index.js';
export { builtinToolFactories, builtinTools, createTool, createToolRegistry } from './registry/index.js';

export { defineTool, type ReadableErrorTool, type ToolDefinition } from './shared/define-tool.js';
export type {
  ChunkTextOptions,
  ChunkTextToolOptions,
  RegexExtractOptions,
  SafeRegexLimits,
  TextChunk,
  TextStats,
  TextStatsOptions,
  TokenEstimator,
} from './text/index.js';
export {
  chunkText,
  chunkTextFactory,
  chunkTextTool,
  estimateTokens,
  measureText,
  regexExtract,
  regexExtractFactory,
  textStats,
  textStatsFactory,
} from './text/index.js';
export type { CurrentTimeOptions } from './time/index.js';
export { currentTime, currentTimeFactory } from './time/index.js';
