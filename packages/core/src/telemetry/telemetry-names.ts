// The one place that names tokenflow's spans, span events, attributes and metrics. The `gen_ai.*` and
// `error.type` names are the OpenTelemetry GenAI semantic conventions; everything tokenflow adds lives
// under `tokenflow.`. The trace file format (README.md beside this file) is built from these names.

/** Span names (low-cardinality: a kind plus a pipeline id, step id, model or tool name). */
export const spanNames = {
  pipelineRun: (pipelineId: string) => `pipeline ${pipelineId}`,
  step: (stepId: string) => `step ${stepId}`,
  /** GenAI inference span: `{gen_ai.operation.name} {gen_ai.request.model}`. */
  modelCall: (model: string) => `chat ${model}`,
  attempt: (model: string) => `attempt ${model}`,
  /** GenAI tool span: `execute_tool {gen_ai.tool.name}`. */
  toolCall: (name: string) => `execute_tool ${name}`,
  batchRun: 'batch',
  row: 'row',
} as const;

/** OpenTelemetry GenAI semantic-convention attributes tokenflow sets. */
export const genAi = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  agentName: 'gen_ai.agent.name',
  toolName: 'gen_ai.tool.name',
  toolType: 'gen_ai.tool.type',
  toolCallId: 'gen_ai.tool.call.id',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  tokenType: 'gen_ai.token.type',
  errorType: 'error.type',
  httpStatus: 'http.response.status_code',
} as const;

/** `gen_ai.operation.name` values. */
export const genAiOperations = {
  chat: 'chat',
  invokeAgent: 'invoke_agent',
  executeTool: 'execute_tool',
} as const;

/** `gen_ai.provider.name` for TokenOff (a Gemini-wire service; not one of the well-known values). */
export const tokenOffProvider = 'tokenoff';

/** tokenflow's own attributes, all under `tokenflow.`. */
export const tokenflowAttributes = {
  pipelineId: 'tokenflow.pipeline.id',
  runId: 'tokenflow.run.id',
  runStatus: 'tokenflow.run.status',
  stepId: 'tokenflow.step.id',
  stepPath: 'tokenflow.step.path',
  stepKind: 'tokenflow.step.kind',
  stepStatus: 'tokenflow.step.status',
  costUsd: 'tokenflow.cost_usd',
  thinkingTokens: 'tokenflow.usage.thinking_tokens',
  cachedInputTokens: 'tokenflow.usage.cached_input_tokens',
  thinkingBudget: 'tokenflow.request.thinking_budget',
  attempts: 'tokenflow.attempts',
  attemptNumber: 'tokenflow.attempt.number',
  attemptProbe: 'tokenflow.attempt.probe',
  fallbackFrom: 'tokenflow.fallback.from',
  fallbackTo: 'tokenflow.fallback.to',
  reason: 'tokenflow.reason',
  delayMs: 'tokenflow.delay_ms',
  waitMs: 'tokenflow.wait_ms',
  cached: 'tokenflow.cached',
  model: 'tokenflow.model',
  untilMs: 'tokenflow.until_ms',
  errorMessage: 'tokenflow.error.message',
  toolStatus: 'tokenflow.tool.status',
  batchId: 'tokenflow.batch.id',
  batchInput: 'tokenflow.batch.input',
  rowId: 'tokenflow.row.id',
  rowIndex: 'tokenflow.row.index',
  rowLine: 'tokenflow.row.line',
  rowStatus: 'tokenflow.row.status',
} as const;

/** Span events (on the model call span unless said otherwise). */
export const spanEvents = {
  retry: 'tokenflow.retry',
  fallback: 'tokenflow.fallback',
  circuitOpen: 'tokenflow.circuit_open',
  /** Time before an attempt was sent: a lane slot, the rate-limit window or a paused circuit. */
  wait: 'tokenflow.wait',
  streamRestart: 'tokenflow.stream_restart',
  /** On the step span. */
  stepRetry: 'tokenflow.step_retry',
  outputRepair: 'tokenflow.output_repair',
} as const;

/** Metric instruments. */
export const metricNames = {
  tokenUsage: 'gen_ai.client.token.usage',
  operationDuration: 'gen_ai.client.operation.duration',
  cost: 'tokenflow.client.cost',
  retries: 'tokenflow.client.retries',
  fallbacks: 'tokenflow.client.fallbacks',
  rateLimited: 'tokenflow.client.rate_limited',
  circuitOpenings: 'tokenflow.client.circuit_openings',
} as const;

/** The instrumentation scope of every tracer and meter tokenflow gets from the global API. */
export const instrumentationScope = '@tokenflow/core';
