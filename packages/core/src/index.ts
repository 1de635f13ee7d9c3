export * from './batch/index.js';
export * from './cache/index.js';
export * from './errors/index.js';
export * from './flow/index.js';
export * from './gateway/index.js';
export * from './models/index.js';
export * from './registry/index.js';
export * from './spec/index.js';
