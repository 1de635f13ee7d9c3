export { buildStreamChunks } from './build-stream-chunks.js';
export { buildCandidate, buildUnaryResponse } from './build-unary-response.js';
export { type ErrorAnswer, errorBody, rpcStatusByHttpStatus } from './error-body.js';
export { formatDuration, formatRetrySeconds } from './format-duration.js';
export { formatPrettyJson, formatSseEvent, formatStreamJson } from './format-json.js';
export {
  type QuotaKind,
  type QuotaTier,
  type ResourceExhaustedInput,
  resourceExhaustedError,
} from './quota-errors.js';
export type { CandidatePlan, ResponsePlan } from './response-plan.js';
export { splitText } from './split-text.js';
export {
  cachedContentNotFoundError,
  deadlineExceededError,
  internalError,
  invalidApiKeyError,
  invalidArgumentError,
  malformedJsonError,
  methodNotFoundError,
  missingApiKeyError,
  modelNotFoundError,
  overloadedError,
  payloadTooLargeError,
  serverErrorForStatus,
} from './standard-errors.js';
export type {
  Candidate,
  Content,
  ErrorBody,
  FunctionCall,
  FunctionCallingMode,
  FunctionDeclaration,
  FunctionResponse,
  GenerateContentRequest,
  GenerateContentResponse,
  GenerationConfig,
  ModalityTokenCount,
  OpenApiSchema,
  Part,
  SafetySetting,
  ThinkingConfig,
  Tool,
  ToolConfig,
  UsageMetadata,
} from './types.js';
export { buildUsageMetadata, type UsageCounts } from './usage-metadata.js';
