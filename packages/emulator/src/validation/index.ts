export { normalizeCountTokensRequest, normalizeGenerateContentRequest } from './normalize-request.js';
export type { FieldViolation, RequestViolation } from './request-violation.js';
export type { CheckedGenerateContentRequest, CountTokensRequestBody } from './validate-request.js';
export {
  checkGenerateContentRequest,
  validateCountTokensRequest,
  validateGenerateContentRequest,
} from './validate-request.js';
