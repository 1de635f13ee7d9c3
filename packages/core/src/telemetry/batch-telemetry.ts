import { randomUUID } from 'node:crypto';
import { type Context, context, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { BatchSummary } from '../batch/batch-summary.js';
import type { RowProcessor } from '../batch/row-processor.js';
import { errorTypeOf } from './error-type.js';
import { genAi, instrumentationScope, spanNames, tokenflowAttributes } from './telemetry-names.js';
import type { TelemetryOptions } from './telemetry-options.js';

/**
 * The spans of one batch run: `batch` (the root), one `row` span per row the processor runs, and, through
 * `RowContext.telemetry`, the row's pipeline run under its row span.
 */
export class BatchTelemetry {
  readonly #tracer: Tracer;
  readonly #span: Span;
  readonly #context: Context;
  readonly #options: TelemetryOptions;

  constructor(options: TelemetryOptions, batch: { input: string }) {
    this.#options = options;
    this.#tracer = options.tracer ?? trace.getTracer(instrumentationScope);
    const parent = options.context ?? context.active();
    this.#span = this.#tracer.startSpan(
      spanNames.batchRun,
      {
        attributes: {
          [tokenflowAttributes.batchId]: randomUUID(),
          [tokenflowAttributes.batchInput]: batch.input,
        },
      },
      parent,
    );
    this.#context = trace.setSpan(parent, this.#span);
  }

  /** Runs every row of `process` in its own `row` span. */
  wrap<Row, Output>(process: RowProcessor<Row, Output>): RowProcessor<Row, Output> {
    // No SDK (or not sampled): row spans would not record either, and rows need no parent.
    if (!this.#span.isRecording()) return process;
    return async (row, rowContext) => {
      const span = this.#tracer.startSpan(
        spanNames.row,
        {
          attributes: {
            [tokenflowAttributes.rowId]: String(rowContext.rowId),
            [tokenflowAttributes.rowIndex]: rowContext.index,
            [tokenflowAttributes.rowLine]: rowContext.line,
          },
        },
        this.#context,
      );
      try {
        const result = await process(row, {
          ...rowContext,
          telemetry: { ...this.#options, context: trace.setSpan(this.#context, span) },
        });
        span.setAttribute(tokenflowAttributes.rowStatus, 'done');
        span.setStatus({ code: SpanStatusCode.OK });
        return result;
      } catch (error) {
        const cancelled = rowContext.signal.aborted;
        span.setAttributes({
          [tokenflowAttributes.rowStatus]: cancelled ? 'cancelled' : 'failed',
          [genAi.errorType]: cancelled ? 'cancelled' : errorTypeOf(error),
        });
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        span.end();
      }
    };
  }

  /** Ends the batch span with the run's totals, or with the error that stopped it. */
  end(outcome: { summary: BatchSummary } | { error: unknown }): void {
    if ('error' in outcome) {
      this.#span.setAttribute(genAi.errorType, errorTypeOf(outcome.error));
      this.#span.setStatus({
        code: SpanStatusCode.ERROR,
        message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
      });
    } else {
      this.#span.setStatus({ code: SpanStatusCode.OK });
      this.#span.setAttribute(tokenflowAttributes.costUsd, outcome.summary.costUsd);
    }
    this.#span.end();
  }
}
