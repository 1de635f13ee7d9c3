import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { type Context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { ErrorSummary, GatewayEvent, ServedCall } from '../gateway/gateway-events.js';
import type { TokenUsage } from '../models/token-usage.js';
import { describeMessages } from './describe-messages.js';
import { errorTypeOf } from './error-type.js';
import { counterAttributes, recordModelCall, type TelemetryInstruments } from './telemetry-metrics.js';
import {
  genAi,
  genAiOperations,
  spanEvents,
  spanNames,
  tokenflowAttributes,
  tokenOffProvider,
} from './telemetry-names.js';

/** What a model call asked for, as far as its span reports it. */
export interface ModelCallDescription {
  model: string;
  settings: {
    temperature?: number;
    maxOutputTokens?: number;
    thinking?: { budgetTokens?: number } | undefined;
  };
  messages: readonly BaseMessage[];
}

/** What the answer of a model call used and cost (the flow's `MessageUsage`). */
export interface ModelCallOutcome {
  model: string;
  usage: TokenUsage;
  costUsd: number;
  attempts: number;
}

/**
 * Below this, time before an attempt is not worth an event: building the request takes a millisecond or
 * two on a busy machine; lane, rate-window and breaker waits that matter are longer.
 */
const minimumWaitMs = 5;

function isRateLimited(error: ErrorSummary | undefined): boolean {
  return error !== undefined && (error.kind === 'rate_limited' || error.status === 429);
}

/**
 * The span of one model call (`chat <model>`) and its attempts (`attempt <model>`), built from the
 * gateway's events for the call: each `model-request` opens an attempt; a retry, fallback, error or
 * answer closes it. Retries, fallbacks, circuit openings and waits become span events with their reason,
 * and the per-model counters and histograms are recorded as the events come.
 */
export class ModelCallTrace {
  readonly #span: Span | undefined;
  readonly #context: Context;
  readonly #tracer: Tracer | undefined;
  readonly #instruments: TelemetryInstruments | undefined;
  readonly #recording: boolean;
  readonly #recordContent: boolean;
  readonly #requestModel: string;
  readonly #startedAt = performance.now();
  /** When the call could next have sent a request: waits are measured from here. */
  #readyAt = performance.now();
  #attempt: Span | undefined;
  #served: ServedCall | undefined;
  #ended = false;

  /** `tracer` undefined: metrics only; `instruments` undefined: spans only. */
  constructor(
    tracer: Tracer | undefined,
    parent: Context,
    instruments: TelemetryInstruments | undefined,
    request: ModelCallDescription,
    recordContent: boolean,
  ) {
    this.#tracer = tracer;
    this.#instruments = instruments;
    this.#recordContent = recordContent;
    this.#requestModel = request.model;
    this.#span = tracer?.startSpan(spanNames.modelCall(request.model), { kind: SpanKind.CLIENT }, parent);
    this.#recording = this.#span?.isRecording() ?? false;
    this.#context = this.#span ? trace.setSpan(parent, this.#span) : parent;
    if (!this.#span || !this.#recording) return;
    const { settings } = request;
    this.#span.setAttributes({
      [genAi.operationName]: genAiOperations.chat,
      [genAi.providerName]: tokenOffProvider,
      [genAi.requestModel]: request.model,
      ...(settings.temperature === undefined ? {} : { [genAi.requestTemperature]: settings.temperature }),
      ...(settings.maxOutputTokens === undefined
        ? {}
        : { [genAi.requestMaxTokens]: settings.maxOutputTokens }),
      ...(settings.thinking?.budgetTokens === undefined
        ? {}
        : { [tokenflowAttributes.thinkingBudget]: settings.thinking.budgetTokens }),
    });
    if (recordContent) this.#span.setAttribute(genAi.inputMessages, describeMessages(request.messages));
  }

  /** Feeds one gateway event of this call (pass it the call's `onEvent`). */
  onGatewayEvent(event: GatewayEvent): void {
    switch (event.type) {
      case 'model-request':
        this.#startAttempt(event.model, event.attempt, event.probe);
        break;
      case 'model-retry':
        this.#endAttempt(event.error);
        this.#instruments?.retries.add(1, counterAttributes(event.model, event.error.kind));
        if (isRateLimited(event.error)) this.#instruments?.rateLimited.add(1, counterAttributes(event.model));
        this.#readyAt = performance.now() + event.delayMs;
        this.#event(spanEvents.retry, {
          [tokenflowAttributes.reason]: event.error.kind,
          [tokenflowAttributes.model]: event.model,
          [tokenflowAttributes.attemptNumber]: event.attempt,
          [tokenflowAttributes.delayMs]: event.delayMs,
          ...(event.error.status === undefined ? {} : { [genAi.httpStatus]: event.error.status }),
        });
        break;
      case 'model-fallback':
        if (this.#attempt) this.#endAttempt(event.error);
        this.#instruments?.fallbacks.add(1, counterAttributes(event.from, event.reason));
        if (isRateLimited(event.error)) this.#instruments?.rateLimited.add(1, counterAttributes(event.from));
        this.#readyAt = performance.now();
        this.#event(spanEvents.fallback, {
          [tokenflowAttributes.reason]: event.reason,
          [tokenflowAttributes.fallbackFrom]: event.from,
          [tokenflowAttributes.fallbackTo]: event.to,
        });
        break;
      case 'circuit-open':
        this.#instruments?.circuitOpenings.add(1, counterAttributes(event.model, event.reason));
        this.#event(spanEvents.circuitOpen, {
          [tokenflowAttributes.reason]: event.reason,
          [tokenflowAttributes.model]: event.model,
          [tokenflowAttributes.untilMs]: event.untilMs,
        });
        break;
      case 'stream-restart':
        this.#endAttempt(event.error);
        this.#event(spanEvents.streamRestart, {
          [tokenflowAttributes.reason]: event.error.kind,
          [tokenflowAttributes.model]: event.model,
        });
        break;
      case 'model-response':
        this.#served = event.call;
        this.#endAttempt(undefined);
        break;
      case 'model-error':
        this.#endAttempt(event.error);
        if (isRateLimited(event.error)) this.#instruments?.rateLimited.add(1, counterAttributes(event.model));
        break;
      default:
        break;
    }
  }

  /** The call answered. */
  succeed(message: AIMessage, outcome: ModelCallOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#endAttempt(undefined);
    if (this.#instruments) {
      recordModelCall(this.#instruments, {
        requestModel: this.#requestModel,
        responseModel: outcome.model,
        durationSeconds: (performance.now() - this.#startedAt) / 1000,
        usage: outcome.usage,
        costUsd: outcome.costUsd,
      });
    }
    if (!this.#span) return;
    if (!this.#recording) {
      this.#span.end();
      return;
    }
    const metadata = message.response_metadata as Record<string, unknown> | undefined;
    const finishReason = metadata?.finishReason ?? metadata?.finish_reason;
    const served = this.#served;
    this.#span.setAttributes({
      [genAi.responseModel]: outcome.model,
      [genAi.usageInputTokens]: outcome.usage.inputTokens,
      [genAi.usageOutputTokens]: outcome.usage.outputTokens,
      [tokenflowAttributes.thinkingTokens]: outcome.usage.reasoningTokens,
      [tokenflowAttributes.cachedInputTokens]: outcome.usage.cachedInputTokens,
      [tokenflowAttributes.costUsd]: outcome.costUsd,
      [tokenflowAttributes.attempts]: outcome.attempts,
      ...(typeof finishReason === 'string' ? { [genAi.responseFinishReasons]: [finishReason] } : {}),
      ...(served
        ? { [tokenflowAttributes.waitMs]: served.waitMs, [tokenflowAttributes.cached]: served.cached }
        : {}),
      ...(outcome.model === this.#requestModel
        ? {}
        : { [tokenflowAttributes.fallbackFrom]: this.#requestModel }),
    });
    if (this.#recordContent) this.#span.setAttribute(genAi.outputMessages, describeMessages([message]));
    this.#span.setStatus({ code: SpanStatusCode.OK });
    this.#span.end();
  }

  /** The call failed for good (or was cancelled). */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const errorType = errorTypeOf(error);
    this.#endAttempt(undefined, errorType);
    if (this.#instruments) {
      recordModelCall(this.#instruments, {
        requestModel: this.#requestModel,
        durationSeconds: (performance.now() - this.#startedAt) / 1000,
        errorType,
      });
    }
    if (!this.#span) return;
    if (!this.#recording) {
      this.#span.end();
      return;
    }
    this.#span.setAttribute(genAi.errorType, errorType);
    this.#span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    this.#span.end();
  }

  #event(name: string, attributes: Record<string, string | number | boolean>): void {
    if (this.#recording) this.#span?.addEvent(name, attributes);
  }

  #startAttempt(model: string, attempt: number, probe: boolean): void {
    if (!this.#recording || !this.#tracer) return;
    this.#endAttempt(undefined);
    const waitedMs = performance.now() - this.#readyAt;
    if (waitedMs >= minimumWaitMs) {
      this.#event(spanEvents.wait, {
        [tokenflowAttributes.reason]: probe ? 'circuit-probe' : 'queue',
        [tokenflowAttributes.model]: model,
        [tokenflowAttributes.waitMs]: Math.round(waitedMs),
      });
    }
    this.#attempt = this.#tracer.startSpan(
      spanNames.attempt(model),
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [genAi.requestModel]: model,
          [tokenflowAttributes.attemptNumber]: attempt,
          [tokenflowAttributes.attemptProbe]: probe,
        },
      },
      this.#context,
    );
  }

  #endAttempt(error: ErrorSummary | undefined, errorType?: string): void {
    const attempt = this.#attempt;
    if (!attempt) return;
    this.#attempt = undefined;
    if (error) {
      attempt.setAttribute(genAi.errorType, error.kind);
      if (error.status !== undefined) attempt.setAttribute(genAi.httpStatus, error.status);
      attempt.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    } else if (errorType !== undefined) {
      attempt.setAttribute(genAi.errorType, errorType);
      attempt.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      attempt.setStatus({ code: SpanStatusCode.OK });
    }
    attempt.end();
  }
}
