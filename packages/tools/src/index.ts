export * from './data/index.js';
export * from './files/index.js';
export * from './http/index.js';
export * from './math/index.js';
export * from './registry/index.js';
export { defineTool, ReadableErrorTool, type ToolDefinition } from './shared/define-tool.js';
export { errorResult } from './shared/error-result.js';
export * from './text/index.js';
export * from './time/index.js';
