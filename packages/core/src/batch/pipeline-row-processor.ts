import type { AIMessage, BaseMessage } from '@langchain/core/messages';
import { TokenflowError } from '../errors/tokenflow-error.js';
import { RunFailedError } from '../flow/errors/run-stopped-error.js';
import type { PipelineDefinition } from '../flow/pipeline-definition.js';
import type { RunOptions } from '../flow/run-options.js';
import { runPipeline } from '../flow/run-pipeline.js';
import type { StepRecord } from '../flow/run-result.js';
import type { ServedCall } from '../gateway/gateway-events.js';
import type { RowProcessor } from './row-processor.js';

/** What {@link pipelineRowProcessor} passes to every row's run. The batch supplies `signal` and `runId`. */
export type PipelineRowOptions = Omit<RunOptions, 'signal' | 'runId'>;

/**
 * A pipeline step failed for one row. `code` and `kind` are the step error's own (e.g. a
 * `TokenOffError`'s), so error rows can be grouped by cause; `calls` are the model calls the row made
 * before failing, so their cost is counted.
 */
export class PipelineRowError extends TokenflowError {
  readonly stepId: string | undefined;
  readonly kind: string | undefined;
  readonly calls: readonly ServedCall[];

  constructor(error: RunFailedError) {
    const cause = error.cause as { code?: unknown; kind?: unknown } | undefined;
    super(typeof cause?.code === 'string' ? cause.code : error.code, error.message, { cause: error });
    this.name = 'PipelineRowError';
    this.stepId = error.stepId;
    this.kind = typeof cause?.kind === 'string' ? cause.kind : undefined;
    this.calls = callsOfRecords(error.completed.records);
  }
}

/**
 * Runs a pipeline (a definition, or a built pipeline with `.definition`) once per row, with the row
 * as the pipeline input: the row's output is the pipeline output, and its metadata comes from the
 * gateway's `ServedCall` on each answer (models, attempts, tokens incl. thinking, cost).
 *
 * @example
 * await runBatch({ input: 'rows.jsonl', output: 'out.jsonl', process: pipelineRowProcessor(flow, { gateway }) });
 */
export function pipelineRowProcessor(
  pipeline: PipelineDefinition | { readonly definition: PipelineDefinition },
  options: PipelineRowOptions = {},
): RowProcessor<unknown, unknown> {
  const definition = 'definition' in pipeline ? pipeline.definition : pipeline;
  return async (row, { signal, rowId, telemetry }) => {
    try {
      const result = await runPipeline(definition, row, {
        ...options,
        signal,
        runId: `row-${String(rowId)}`,
        // The row's own options win; the batch supplies the row span as the parent.
        ...(options.telemetry !== false && telemetry !== undefined
          ? {
              telemetry: {
                ...telemetry,
                ...options.telemetry,
                context: telemetry.context ?? options.telemetry?.context,
              },
            }
          : {}),
      });
      return { output: result.output, calls: callsOfRecords(result.records) };
    } catch (error) {
      if (error instanceof RunFailedError) throw new PipelineRowError(error);
      throw error;
    }
  };
}

/**
 * The model calls behind a run's step records: the gateway's `ServedCall` on each answer when the
 * models were routed, else one call per model step built from its record (plain chat models).
 */
export function callsOfRecords(records: readonly StepRecord[]): ServedCall[] {
  const calls: ServedCall[] = [];
  for (const record of records) {
    if (record.kind !== 'llm' && record.kind !== 'agent') continue;
    const served = servedCallsOf(record.transcript ?? []);
    const servedCost = served.reduce((sum, call) => sum + call.costUsd, 0);
    const servedTokens = served.reduce((sum, call) => sum + call.usage.totalTokens, 0);
    if (
      served.length > 0 &&
      Math.abs(servedCost - record.costUsd) < 1e-9 &&
      servedTokens === record.usage.totalTokens
    ) {
      calls.push(...served);
      continue;
    }
    if (record.models.length === 0 && record.usage.totalTokens === 0) continue;
    const model = record.models.at(-1) ?? 'unknown';
    calls.push({
      callId: `${record.path}`,
      requestedModel: record.models[0] ?? model,
      model,
      modelsTried: record.models.length > 0 ? [...new Set(record.models)] : [model],
      attempts: Math.max(record.attempts, 1),
      waitMs: 0,
      latencyMs: record.durationMs,
      usage: record.usage,
      costUsd: record.costUsd,
      cached: false,
    });
  }
  return calls;
}

function servedCallsOf(transcript: readonly BaseMessage[]): ServedCall[] {
  const calls: ServedCall[] = [];
  for (const message of transcript) {
    if (message.getType() !== 'ai') continue;
    const served = (message as AIMessage).response_metadata?.tokenflow as ServedCall | undefined;
    if (served && typeof served === 'object' && 'usage' in served && 'costUsd' in served) calls.push(served);
  }
  return calls;
}
