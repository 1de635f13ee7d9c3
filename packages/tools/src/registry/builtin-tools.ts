import type { ToolFactory, ToolRegistry } from '@tokenflow/core';
import { jsonQueryFactory } from '../data/json-query.js';
import { listFilesFactory } from '../files/list-files.js';
import { readFileFactory } from '../files/read-file.js';
import { searchFilesFactory } from '../files/search-files.js';
import { writeFileFactory } from '../files/write-file.js';
import { httpFetchFactory } from '../http/http-fetch.js';
import { calculatorFactory } from '../math/calculator.js';
import { chunkTextFactory } from '../text/chunk-text-tool.js';
import { regexExtractFactory } from '../text/regex-extract.js';
import { textStatsFactory } from '../text/text-stats.js';
import { currentTimeFactory } from '../time/current-time.js';
import { createToolRegistry } from './create-tool-registry.js';

/** Every tool this package provides, as factories; spread it to build a registry with your own. */
export const builtinToolFactories: readonly ToolFactory[] = [
  httpFetchFactory,
  readFileFactory,
  writeFileFactory,
  listFilesFactory,
  searchFilesFactory,
  calculatorFactory,
  jsonQueryFactory,
  currentTimeFactory,
  chunkTextFactory,
  textStatsFactory,
  regexExtractFactory,
];

/** The registry of built-in tools, by name (`http_fetch`, `read_file`, ...). */
export const builtinTools: ToolRegistry = createToolRegistry(builtinToolFactories);
