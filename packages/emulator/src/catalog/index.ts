export type { EmulatedModel, EmulatedThinking } from './emulated-models.js';
export { emulatedModels, findEmulatedModel, toModelResource } from './emulated-models.js';
