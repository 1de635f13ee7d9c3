/**
 * The seam between the server (this folder) and the model side (src/catalog, src/model,
 * src/validation): everything the server calls from there, in one place.
 */
export type { EmulatedModel } from '../catalog/index.js';
export { emulatedModels, findEmulatedModel, toModelResource } from '../catalog/index.js';
export type { ModelAnswer } from '../model/index.js';
export { answerNormalizedRequest, countRequestTokens } from '../model/index.js';
export type { RequestViolation } from '../validation/index.js';
export {
  checkGenerateContentRequest,
  normalizeCountTokensRequest,
  validateCountTokensRequest,
} from '../validation/index.js';
