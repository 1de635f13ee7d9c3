import { randomUUID } from 'node:crypto';
import { abortableSleep } from '../async/abortable-sleep.js';
import { emptyUsage } from '../models/token-usage.js';
import { RunTelemetry } from '../telemetry/run-telemetry.js';
import type { CompletedWork } from './errors/run-stopped-error.js';
import { RunCancelledError, RunFailedError } from './errors/run-stopped-error.js';
import { executeSequence } from './execute-node.js';
import type { FlowEvent } from './flow-events.js';
import { gatewayModels } from './gateway-models.js';
import type { PipelineDefinition, RunContext } from './pipeline-definition.js';
import type { RunOptions } from './run-options.js';
import type { RunResult } from './run-result.js';
import { runSignal } from './run-signal.js';
import type { RunState, Scope } from './run-state.js';
import { StepFailure } from './run-state.js';
import { validateValue } from './validate-value.js';

function completedWork(state: RunState, scope: Scope): CompletedWork {
  return {
    runId: state.runId,
    pipelineId: state.pipelineId,
    steps: { ...scope.steps },
    records: [...state.records],
    usage: state.usage,
    costUsd: state.costUsd,
  };
}

/** Ignores an event: a run with telemetry off and no listener. */
const dropEvent = (): void => undefined;

/** Where a run's events go: telemetry first, then the listener; built once per run. */
function runEmitter(
  telemetry: RunTelemetry | undefined,
  listener: RunOptions['onEvent'],
): (event: FlowEvent) => void {
  if (telemetry === undefined) return listener === undefined ? dropEvent : (event) => listener(event);
  if (listener === undefined) return (event) => telemetry.onFlowEvent(event);
  return (event) => {
    telemetry.onFlowEvent(event);
    listener(event);
  };
}

/** Reports `run-end`, with the error's message when the run did not succeed. */
function endRun(
  state: RunState,
  startedAt: number,
  status: 'success' | 'error' | 'cancelled',
  error?: unknown,
): void {
  state.emit({
    type: 'run-end',
    runId: state.runId,
    pipelineId: state.pipelineId,
    status,
    usage: state.usage,
    costUsd: state.costUsd,
    durationMs: state.now() - startedAt,
    ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
  });
}

/**
 * Runs a pipeline definition: validates the input, interprets the nodes, builds and validates the
 * output, and reports every event in order. Resolves with the output and the run result; rejects with a
 * `RunFailedError` (the failing step's error as `cause`) or a `RunCancelledError`, both carrying every
 * finished step's result.
 */
export async function runPipeline(
  definition: PipelineDefinition,
  input: unknown,
  options: RunOptions = {},
): Promise<RunResult> {
  const now = options.clock?.now ?? Date.now;
  const listener = options.onEvent;
  const telemetry = options.telemetry === false ? undefined : new RunTelemetry(options.telemetry);
  const signal = runSignal(options.signal);
  const state: RunState = {
    runId: options.runId ?? randomUUID(),
    pipelineId: definition.id,
    signal: signal.signal,
    models: options.models ?? (options.gateway ? gatewayModels(options.gateway) : undefined),
    streaming: options.streamText ?? false,
    now,
    sleep: options.clock?.sleep ?? abortableSleep,
    emit: runEmitter(telemetry, listener),
    listening: true,
    telemetry,
    records: [],
    usage: { ...emptyUsage },
    costUsd: 0,
  };
  const startedAt = now();
  const scope: Scope = { steps: {} };
  state.emit({ type: 'run-start', runId: state.runId, pipelineId: definition.id, startedAt });
  // Telemetry without an SDK (a run span that does not record) uses run-start and run-end only.
  state.listening = listener !== undefined || telemetry?.wantsStepEvents === true;
  try {
    const validInput = await validateValue(definition.input, input, definition.id, 'pipeline input');
    const context: RunContext = { input: validInput, steps: {}, last: validInput };
    const last = await executeSequence(definition.nodes, context, state, scope);
    const rawOutput = definition.output
      ? definition.output({ input: validInput, steps: { ...scope.steps }, last })
      : last;
    const output = await validateValue(definition.outputSchema, rawOutput, definition.id, 'pipeline output');
    endRun(state, startedAt, 'success');
    return {
      runId: state.runId,
      pipelineId: definition.id,
      output,
      steps: { ...scope.steps },
      records: state.records,
      usage: state.usage,
      costUsd: state.costUsd,
      durationMs: now() - startedAt,
    };
  } catch (error) {
    if (state.signal.aborted) {
      const cancelled = new RunCancelledError(completedWork(state, scope), state.signal.reason);
      endRun(state, startedAt, 'cancelled', cancelled);
      throw cancelled;
    }
    const stepId = error instanceof StepFailure ? error.stepId : undefined;
    const cause = error instanceof StepFailure ? error.error : error;
    const failed = new RunFailedError(stepId, cause, completedWork(state, scope));
    endRun(state, startedAt, 'error', failed);
    throw failed;
  } finally {
    signal.release();
  }
}
