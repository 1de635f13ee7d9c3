export { builtinToolFactories, builtinTools } from './builtin-tools.js';
export { createTool } from './create-tool.js';
export { createToolRegistry } from './create-tool-registry.js';
