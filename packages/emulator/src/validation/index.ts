export { normalizeCountTokensRequest, normalizeGenerateContentRequest } from './normalize-request.js';
export type { FieldViolation, RequestViolation } from './request-violation.js';
export type { CountTokensRequestBody } from './validate-request.js';
export { validateCountTokensRequest, validateGenerateContentRequest } from './validate-request.js';
