export type { ToolContext, ToolFactory, ToolRegistry } from './tool-registry.js';
