import {
  type Context,
  context,
  createNoopMeter,
  metrics,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { FlowEvent } from '../flow/flow-events.js';
import type { TokenUsage } from '../models/token-usage.js';
import { errorTypeOf } from './error-type.js';
import { type ModelCallDescription, ModelCallTrace } from './model-call-trace.js';
import { instrumentsOf, type TelemetryInstruments } from './telemetry-metrics.js';
import {
  genAi,
  genAiOperations,
  instrumentationScope,
  spanEvents,
  spanNames,
  tokenflowAttributes,
} from './telemetry-names.js';
import type { TelemetryOptions } from './telemetry-options.js';

function usageAttributes(usage: TokenUsage, costUsd: number): Record<string, number> {
  return {
    [genAi.usageInputTokens]: usage.inputTokens,
    [genAi.usageOutputTokens]: usage.outputTokens,
    [tokenflowAttributes.thinkingTokens]: usage.reasoningTokens,
    [tokenflowAttributes.costUsd]: costUsd,
  };
}

/** The path a step nests under: `a[3].b` -> `a[3]` -> `a`; undefined at the top. */
function parentPath(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : undefined;
}

/**
 * The spans of one pipeline run, built from its flow events (`run-start` ... `run-end`): the run, its
 * steps (nested by path, so map iterations sit under their map) and tool calls. Model calls get their
 * spans from {@link RunTelemetry.startModelCall}, called by the step that makes the call.
 */
export class RunTelemetry {
  readonly #tracer: Tracer;
  /** Undefined when the meter is the API's no-op one (no SDK): nothing to count. */
  readonly #instruments: TelemetryInstruments | undefined;
  /**
   * Whether the run's span records. Without an SDK (or when the run is not sampled) no child span would
   * either, so step, tool and attempt spans are skipped altogether: that keeps the no-SDK cost per step
   * near zero.
   */
  #tracing = false;
  readonly #recordContent: boolean;
  readonly #parent: Context;
  #run: Span | undefined;
  #runContext: Context | undefined;
  readonly #steps = new Map<string, { span: Span; context: Context }>();
  readonly #tools = new Map<string, Span>();

  constructor(options: TelemetryOptions = {}) {
    this.#tracer = options.tracer ?? trace.getTracer(instrumentationScope);
    const meter = options.meter ?? metrics.getMeter(instrumentationScope);
    this.#instruments = meter === createNoopMeter() ? undefined : instrumentsOf(meter);
    this.#recordContent = options.recordContent ?? false;
    this.#parent = options.context ?? context.active();
  }

  /**
   * Whether events between `run-start` and `run-end` are used (the run's span records). Known once
   * `run-start` was fed; when false, the runner need not even build them.
   */
  get wantsStepEvents(): boolean {
    return this.#tracing;
  }

  /** Feeds one event of the run, in order. */
  onFlowEvent(event: FlowEvent): void {
    if (!this.#tracing && event.type !== 'run-start' && event.type !== 'run-end') return;
    switch (event.type) {
      case 'run-start': {
        this.#run = this.#tracer.startSpan(
          spanNames.pipelineRun(event.pipelineId),
          {
            attributes: {
              [tokenflowAttributes.pipelineId]: event.pipelineId,
              [tokenflowAttributes.runId]: event.runId,
            },
          },
          this.#parent,
        );
        this.#runContext = trace.setSpan(this.#parent, this.#run);
        this.#tracing = this.#run.isRecording();
        break;
      }
      case 'step-start': {
        const span = this.#tracer.startSpan(
          spanNames.step(event.stepId),
          {
            attributes: {
              [tokenflowAttributes.stepId]: event.stepId,
              [tokenflowAttributes.stepPath]: event.path,
              [tokenflowAttributes.stepKind]: event.kind,
              ...(event.kind === 'agent'
                ? { [genAi.operationName]: genAiOperations.invokeAgent, [genAi.agentName]: event.stepId }
                : {}),
            },
          },
          this.#contextFor(parentPath(event.path)),
        );
        this.#steps.set(event.path, { span, context: trace.setSpan(this.#parent, span) });
        break;
      }
      case 'step-retry':
        this.#steps.get(event.path)?.span.addEvent(spanEvents.stepRetry, {
          [tokenflowAttributes.attemptNumber]: event.attempt,
          [tokenflowAttributes.delayMs]: event.delayMs,
          [tokenflowAttributes.reason]: event.error,
        });
        break;
      case 'output-repair':
        this.#steps.get(event.path)?.span.addEvent(spanEvents.outputRepair, {
          [tokenflowAttributes.model]: event.model,
          [tokenflowAttributes.attemptNumber]: event.attempt,
          [tokenflowAttributes.reason]: event.issues.join('; '),
        });
        break;
      case 'tool-call': {
        const span = this.#tracer.startSpan(
          spanNames.toolCall(event.name),
          {
            attributes: {
              [genAi.operationName]: genAiOperations.executeTool,
              [genAi.toolName]: event.name,
              [genAi.toolType]: 'function',
              [genAi.toolCallId]: event.toolCallId,
              ...(this.#recordContent ? { [genAi.toolCallArguments]: JSON.stringify(event.args) } : {}),
            },
          },
          this.#contextFor(event.path),
        );
        this.#tools.set(`${event.path}\u0000${event.toolCallId}`, span);
        break;
      }
      case 'tool-result': {
        const key = `${event.path}\u0000${event.toolCallId}`;
        const span = this.#tools.get(key);
        if (!span) break;
        this.#tools.delete(key);
        span.setAttribute(tokenflowAttributes.toolStatus, event.status);
        if (this.#recordContent) span.setAttribute(genAi.toolCallResult, event.content);
        if (event.status === 'error') {
          span.setAttribute(genAi.errorType, 'tool_error');
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
        break;
      }
      case 'step-end': {
        const step = this.#steps.get(event.path);
        if (!step) break;
        this.#steps.delete(event.path);
        step.span.setAttributes({
          ...usageAttributes(event.usage, event.costUsd),
          [tokenflowAttributes.stepStatus]: event.status,
        });
        this.#endWithStatus(step.span, event.status, event.error);
        break;
      }
      case 'run-end': {
        const run = this.#run;
        if (!run) break;
        this.#run = undefined;
        if (!this.#tracing) {
          run.end();
          break;
        }
        // Whatever is still open (a cancelled run's tools and steps) ends with the run.
        for (const span of this.#tools.values()) span.end();
        for (const step of this.#steps.values()) step.span.end();
        this.#tools.clear();
        this.#steps.clear();
        run.setAttributes({
          ...usageAttributes(event.usage, event.costUsd),
          [tokenflowAttributes.runStatus]: event.status,
        });
        this.#endWithStatus(run, event.status, event.error);
        break;
      }
      default:
        break;
    }
  }

  /**
   * Opens the span of a model call made by the step at `path` (the caller ends it); undefined when there
   * is neither a recording span nor a meter to report to.
   */
  startModelCall(path: string, request: ModelCallDescription): ModelCallTrace | undefined {
    if (!this.#tracing && !this.#instruments) return undefined;
    return new ModelCallTrace(
      this.#tracing ? this.#tracer : undefined,
      this.#contextFor(path),
      this.#instruments,
      request,
      this.#recordContent,
    );
  }

  #contextFor(path: string | undefined): Context {
    for (let at = path; at !== undefined; at = parentPath(at)) {
      const step = this.#steps.get(at);
      if (step) return step.context;
    }
    return this.#runContext ?? this.#parent;
  }

  #endWithStatus(span: Span, status: 'success' | 'error' | 'cancelled', error: string | undefined): void {
    if (status === 'success') span.setStatus({ code: SpanStatusCode.OK });
    else {
      span.setAttribute(genAi.errorType, status === 'cancelled' ? 'cancelled' : errorTypeOf(undefined));
      span.setStatus({ code: SpanStatusCode.ERROR, ...(error === undefined ? {} : { message: error }) });
    }
    span.end();
  }
}
