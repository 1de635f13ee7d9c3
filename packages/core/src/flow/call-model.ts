import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { TokenflowError } from '../errors/tokenflow-error.js';
import type { GatewayEvent } from '../gateway/gateway-events.js';
import { isTokenOffError, TokenOffError } from '../models/tokenoff-error.js';
import { messageUsage } from './message-usage.js';
import type { ModelSettings } from './pipeline-definition.js';
import { roomierSettings } from './roomier-settings.js';
import type { StepExecution } from './step-execution.js';
import { TextDeltaHandler } from './text-delta-handler.js';

/** What one model call asks for besides the messages. */
export interface ModelCallRequest {
  model: string;
  settings: ModelSettings;
  messages: BaseMessage[];
  /** Gemini `responseSchema` for a structured answer. */
  responseSchema?: Record<string, unknown>;
  tools?: readonly StructuredToolInterface[];
}

/**
 * How many times an answer left empty by MAX_TOKENS (thinking used the budget) is asked again with
 * more room before the `truncated` error is passed on.
 */
const maxTruncationRetries = 2;

function textOf(message: AIMessage): string {
  return typeof message.content === 'string' ? message.content : message.text;
}

function isEmptyMaxTokens(message: AIMessage): boolean {
  const metadata = message.response_metadata as Record<string, unknown> | undefined;
  const finish = metadata?.finishReason ?? metadata?.finish_reason;
  return finish === 'MAX_TOKENS' && textOf(message).trim() === '' && (message.tool_calls?.length ?? 0) === 0;
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
        'Pass `models` (a gateway or any { chatModel(model, settings) }) to run() or stream().',
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

async function invokeOnce(
  execution: StepExecution,
  request: ModelCallRequest,
  settings: ModelSettings,
): Promise<AIMessage> {
  const base = modelFor(execution, request, settings);
  let runnable: { invoke: BaseChatModel['invoke'] } = base;
  if (request.tools && request.tools.length > 0) {
    if (typeof base.bindTools !== 'function') {
      throw new TokenflowError(
        'flow_tools_unsupported',
        `Step "${execution.stepId}": the chat model for "${request.model}" cannot bind tools (no bindTools()).`,
      );
    }
    runnable = base.bindTools([...request.tools]);
  }
  const options = {
    signal: execution.signal,
    ...(request.responseSchema ? { responseSchema: request.responseSchema } : {}),
    onEvent: (event: GatewayEvent) => forwardGatewayEvent(execution, event),
    ...(execution.streaming
      ? {
          callbacks: [
            new TextDeltaHandler((text) =>
              execution.emit({ type: 'text-delta', model: request.model, text }),
            ),
          ],
        }
      : {}),
  };
  return runnable.invoke(request.messages, options);
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
    try {
      const message = await invokeOnce(execution, request, settings);
      execution.record(messageUsage(message, request.model));
      if (!isEmptyMaxTokens(message)) return message;
      truncated = new TokenOffError(
        `Model "${request.model}" stopped at MAX_TOKENS with no answer (thinking used the output budget).`,
        { kind: 'truncated', model: request.model, reason: 'MAX_TOKENS' },
      );
    } catch (error) {
      if (!isTokenOffError(error) || error.kind !== 'truncated') throw error;
      truncated = error;
    }
    if (retry >= maxTruncationRetries) throw truncated;
    settings = roomierSettings(request.model, settings);
  }
}

export { textOf };
