export { AgentStepLimitError } from './agent-step-limit-error.js';
export { LoopLimitError } from './loop-limit-error.js';
export type { CompletedWork } from './run-stopped-error.js';
export { RunCancelledError, RunFailedError } from './run-stopped-error.js';
export { StepTimeoutError } from './step-timeout-error.js';
export type { ValidationIssue, ValidationTarget } from './step-validation-error.js';
export { formatPath, StepValidationError } from './step-validation-error.js';
export type { StructuredOutputAttempt } from './structured-output-error.js';
export { StructuredOutputError } from './structured-output-error.js';
