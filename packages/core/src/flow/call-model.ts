import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { TokenflowError } from '../errors/tokenflow-error.js';
import type { GatewayEvent } from '../gateway/gateway-events.js';
import { isTokenOffError, TokenOffError } from '../models/tokenoff-error.js';
import type { ModelCallTrace } from '../telemetry/model-call-trace.js';
import { neverAborted } from './execute-step.js';
import { messageUsage } from './message-usage.js';
import { catalogOf } from './model-provider.js';
import type { ModelSettings } from './pipeline-definition.js';
import { roomierSettings } from './roomier-settings.js';
import type { StepExecution } from './step-execution.js';

/** What one model call asks for besides the messages. */
export interface ModelCallRequest {
  model: string;
  settings: ModelSettings;
  messages: BaseMessage[];
  /** Gemini `responseSchema` for a structured answer. */
  responseSchema?: Record<string, unknown>;
  tools?: readonly StructuredToolInterface[];
  /**
   * Treat an answer cut at MAX_TOKENS as too short even when it has text (a cut JSON value is useless):
   * ask again with more room; after the last retry the cut answer is returned for the repair loop.
   */
  retryCutAnswers?: boolean;
}

/**
 * How many times an answer left empty by MAX_TOKENS (thinking used the budget) is asked again with
 * more room before the `truncated` error is passed on.
 */
const maxTruncationRetries = 2;

/** The answer text of a model message (text blocks only, never thoughts). */
export function textOf(message: AIMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}

function stoppedAtMaxTokens(message: AIMessage): boolean {
  const metadata = message.response_metadata as Record<string, unknown> | undefined;
  return (metadata?.finishReason ?? metadata?.finish_reason) === 'MAX_TOKENS';
}

function isEmpty(message: AIMessage): boolean {
  return textOf(message).trim() === '' && (message.tool_calls?.length ?? 0) === 0;
}

function modelFor(
  execution: StepExecution,
  request: ModelCallRequest,
  settings: ModelSettings,
): BaseChatModel {
  if (!execution.models) {
    throw new TokenflowError(
      'flow_no_models',
      `Step "${execution.stepId}" calls model "${request.model}", but the run has no model provider. ` +
        'Pass `gateway` (createGateway()) or `models` (any { chatModel(model, settings) }) to run() or stream().',
    );
  }
  return execution.models.chatModel(request.model, settings);
}

function forwardGatewayEvent(execution: StepExecution, event: GatewayEvent): void {
  if (event.type === 'model-retry') {
    execution.emit({
      type: 'model-retry',
      model: event.model,
      attempt: event.attempt,
      delayMs: event.delayMs,
      error: event.error,
    });
  } else if (event.type === 'model-fallback') {
    execution.emit({ type: 'model-fallback', from: event.from, to: event.to, reason: event.reason });
  }
}

/** The marker the gateway puts on the first chunk of a stream it restarted after a failure. */
const restartKey = 'tokenflow_restart';

/**
 * Streams one answer, reporting text as `text-delta` events. When the gateway restarts a broken stream
 * (same model after a backoff, or the next one), what was streamed so far is dropped and the next delta
 * says `restart: true`, so a UI knows to clear it too.
 */
async function streamOnce(
  execution: StepExecution,
  runnable: Pick<BaseChatModel, 'stream'>,
  request: ModelCallRequest,
  options: Record<string, unknown>,
): Promise<AIMessage> {
  let aggregate: AIMessageChunk | undefined;
  let restarted = false;
  for await (const chunk of await runnable.stream(request.messages, options)) {
    if ((chunk.response_metadata as Record<string, unknown> | undefined)?.[restartKey] !== undefined) {
      aggregate = undefined;
      restarted = true;
    }
    aggregate = aggregate === undefined ? chunk : aggregate.concat(chunk);
    const text = typeof chunk.content === 'string' ? chunk.content : chunk.text;
    if (text.length > 0 || restarted) {
      execution.emit({
        type: 'text-delta',
        model: request.model,
        text,
        ...(restarted ? { restart: true } : {}),
      });
      restarted = false;
    }
  }
  if (aggregate === undefined) {
    throw new TokenOffError(`Model "${request.model}" streamed no answer at all.`, {
      kind: 'server',
      model: request.model,
    });
  }
  return aggregate;
}

async function callOnce(
  execution: StepExecution,
  request: ModelCallRequest,
  settings: ModelSettings,
  trace: ModelCallTrace | undefined,
): Promise<AIMessage> {
  const base = modelFor(execution, request, settings);
  let runnable: Pick<BaseChatModel, 'invoke' | 'stream'> = base;
  if (request.tools && request.tools.length > 0) {
    if (typeof base.bindTools !== 'function') {
      throw new TokenflowError(
        'flow_tools_unsupported',
        `Step "${execution.stepId}": the chat model for "${request.model}" cannot bind tools (no bindTools()).`,
      );
    }
    runnable = base.bindTools([...request.tools]);
  }
  const options = callOptions(execution, request, trace);
  if (execution.streaming) return streamOnce(execution, runnable, request, options ?? {});
  return runnable.invoke(request.messages, options);
}

/**
 * The call options of one model call, or undefined when there are none: LangChain splits any options
 * object into a runnable config and call options (copies, deletes, a config merge), about a µs per call.
 * A run nobody can cancel passes no signal (LangChain and the gateway would each listen to it), and the
 * gateway's events are asked for only when a listener or a recording span receives them.
 */
function callOptions(
  execution: StepExecution,
  request: ModelCallRequest,
  trace: ModelCallTrace | undefined,
): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  let any = false;
  if (execution.signal !== neverAborted) {
    options.signal = execution.signal;
    any = true;
  }
  if (request.responseSchema) {
    options.responseSchema = request.responseSchema;
    any = true;
  }
  if (trace !== undefined || execution.listening !== false) {
    options.onEvent = (event: GatewayEvent) => {
      trace?.onGatewayEvent(event);
      forwardGatewayEvent(execution, event);
    };
    any = true;
  }
  return any ? options : undefined;
}

/**
 * Calls a model once for a step: adds usage and cost to the step's meter, forwards gateway retries and
 * fallbacks as flow events, and asks again with more room (bigger `maxOutputTokens`, less thinking)
 * when the answer came back empty because thinking used the whole output budget.
 */
export async function callModel(execution: StepExecution, request: ModelCallRequest): Promise<AIMessage> {
  let settings = request.settings;
  for (let retry = 0; ; retry += 1) {
    let truncated: TokenOffError | undefined;
    // The request as it is on the first try (no copy); with the roomier settings after a cut answer.
    const described = settings === request.settings ? request : { ...request, settings };
    const trace = execution.telemetry?.startModelCall(execution.path, described);
    try {
      const message = await callOnce(execution, request, settings, trace).catch((error: unknown) => {
        trace?.fail(error);
        throw error;
      });
      const used = messageUsage(message, request.model, catalogOf(execution.models));
      trace?.succeed(message, used);
      execution.record(used);
      execution.emit({ type: 'model-response', ...used, toolCalls: message.tool_calls?.length ?? 0 });
      const cut = stoppedAtMaxTokens(message) && (isEmpty(message) || request.retryCutAnswers === true);
      if (!cut || (retry >= maxTruncationRetries && !isEmpty(message))) return message;
      truncated = new TokenOffError(
        `Model "${request.model}" stopped at MAX_TOKENS with no answer (thinking used the output budget).`,
        { kind: 'truncated', model: request.model, reason: 'MAX_TOKENS' },
      );
    } catch (error) {
      if (!isTokenOffError(error) || error.kind !== 'truncated') throw error;
      truncated = error;
    }
    if (retry >= maxTruncationRetries) throw truncated;
    settings = roomierSettings(request.model, settings, catalogOf(execution.models));
  }
}
