import { raceAbort } from '../async/race-abort.js';
import { addUsage, emptyUsage } from '../models/token-usage.js';
import { StepTimeoutError } from './errors/step-timeout-error.js';
import { StepValidationError } from './errors/step-validation-error.js';
import type { FlowEvent } from './flow-events.js';
import type { RunContext, StepDefinition, StepNode, StepRunContext } from './pipeline-definition.js';
import { runAgentStep } from './run-agent-step.js';
import { runLlmStep } from './run-llm-step.js';
import type { StepRecord } from './run-result.js';
import type { RunState, Scope } from './run-state.js';
import { StepFailure, stepPath } from './run-state.js';
import { runToolStep } from './run-tool-step.js';
import type { StepExecution, StepMeter } from './step-execution.js';
import { validateValue } from './validate-value.js';

function runKind(
  step: StepDefinition,
  input: unknown,
  execution: StepExecution,
  attempt: number,
): Promise<unknown> {
  switch (step.kind) {
    case 'function': {
      const context: StepRunContext = {
        stepId: step.id,
        signal: execution.signal,
        attempt,
        run: execution.run,
      };
      return Promise.resolve(step.run(input, context));
    }
    case 'llm':
      return runLlmStep(step, input, execution);
    case 'tool':
      return runToolStep(step, input, execution);
    case 'agent':
      return runAgentStep(step, input, execution);
  }
}

/** The event sink of a step when nobody listens: events are not even built. */
const ignoreEvent = (): void => undefined;

function newMeter(): StepMeter {
  return { usage: { ...emptyUsage }, costUsd: 0, attempts: 0, models: [], transcript: [] };
}

/** A signal that never aborts, for runs nobody can cancel (no listeners, no racing). */
export const neverAborted: AbortSignal = new AbortController().signal;

/**
 * The signal of one try: the run signal itself when the step has no timeout (the common case, kept
 * cheap), else a controller that the run signal and the timer both abort.
 */
function trySignal(
  step: StepDefinition,
  runSignal: AbortSignal,
): { signal: AbortSignal; release: () => void } {
  if (step.timeoutMs === undefined) return { signal: runSignal, release: () => undefined };
  const controller = new AbortController();
  const forward = (): void => controller.abort(runSignal.reason);
  if (runSignal.aborted) forward();
  else runSignal.addEventListener('abort', forward, { once: true });
  const timeoutMs = step.timeoutMs;
  const timer = setTimeout(() => controller.abort(new StepTimeoutError(step.id, timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      runSignal.removeEventListener('abort', forward);
    },
  };
}

/** One try of a step under its signal (run signal plus the step timeout). */
async function tryStep(
  step: StepDefinition,
  rawInput: unknown,
  execution: StepExecution,
  runSignal: AbortSignal,
  attempt: number,
): Promise<unknown> {
  const { signal, release } = trySignal(step, runSignal);
  try {
    const input = await validateValue(step.input, rawInput, step.id, 'input');
    // Never start work that was cancelled while the input was being checked.
    signal.throwIfAborted();
    // The run's own execution when the try has no timeout of its own: no copy per try.
    const full: StepExecution = signal === execution.signal ? execution : { ...execution, signal };
    const running = runKind(step, input, full, attempt);
    const output = signal === neverAborted ? await running : await raceAbort(running, signal);
    if (step.kind === 'function' || step.kind === 'tool') {
      return await validateValue(step.output, output, step.id, 'output');
    }
    return output;
  } catch (error) {
    if (signal.reason instanceof StepTimeoutError && !runSignal.aborted) throw signal.reason;
    throw error;
  } finally {
    release();
  }
}

/**
 * Runs one step node: computes and validates its input, runs it under its timeout and retry policy,
 * validates its output, records usage and cost, and reports `step-start` / `step-retry` / `step-end`.
 * Failures are rethrown as a `StepFailure` naming the step.
 */
export async function executeStep(
  node: StepNode,
  context: RunContext,
  state: RunState,
  scope: Scope,
): Promise<unknown> {
  const step = node.step;
  const path = stepPath(scope, step.id);
  const location = { runId: state.runId, stepId: step.id, path };
  state.signal.throwIfAborted();
  const startedAt = state.now();
  const meter = newMeter();
  if (state.listening) state.emit({ ...location, type: 'step-start', kind: step.kind });
  const execution: StepExecution = {
    runId: state.runId,
    signal: state.signal,
    stepId: step.id,
    path,
    run: context,
    models: state.models,
    streaming: state.streaming,
    meter,
    telemetry: state.telemetry,
    emit: state.listening ? (event) => state.emit({ ...location, ...event } as FlowEvent) : ignoreEvent,
    record: (call) => {
      meter.usage = addUsage(meter.usage, call.usage);
      meter.costUsd += call.costUsd;
      meter.attempts += call.attempts;
      meter.models.push(call.model);
    },
    sleep: state.sleep,
  };
  const retry = step.kind === 'function' || step.kind === 'tool' ? step.retry : undefined;
  const maxAttempts = Math.max(1, retry?.maxAttempts ?? 1);
  const finish = (status: 'success' | 'error' | 'cancelled', output: unknown, error?: unknown): void => {
    const durationMs = state.now() - startedAt;
    const message = error === undefined ? undefined : error instanceof Error ? error.message : String(error);
    state.usage = addUsage(state.usage, meter.usage);
    state.costUsd += meter.costUsd;
    // Built by assignment, in the order a spread would give: conditional spreads cost a copy each.
    const record: StepRecord = { stepId: step.id, kind: step.kind, path, status } as StepRecord;
    if (status === 'success') record.output = output;
    record.attempts = meter.attempts;
    record.models = meter.models;
    record.usage = meter.usage;
    record.costUsd = meter.costUsd;
    record.startedAt = startedAt;
    record.durationMs = durationMs;
    if (meter.transcript.length > 0) record.transcript = meter.transcript;
    if (message !== undefined) record.error = message;
    state.records.push(record);
    if (!state.listening) return;
    state.emit({
      ...location,
      type: 'step-end',
      kind: step.kind,
      status,
      usage: meter.usage,
      costUsd: meter.costUsd,
      durationMs,
      ...(message === undefined ? {} : { error: message }),
    });
  };
  let rawInput: unknown;
  try {
    rawInput = node.input ? node.input(context) : context.last;
  } catch (error) {
    finish('error', undefined, error);
    throw new StepFailure(step.id, error);
  }
  for (let attempt = 1; ; attempt += 1) {
    if (step.kind === 'function' || step.kind === 'tool') meter.attempts = attempt;
    try {
      const output = await tryStep(step, rawInput, execution, state.signal, attempt);
      scope.steps[step.id] = output;
      finish('success', output);
      return output;
    } catch (error) {
      if (state.signal.aborted) {
        finish('cancelled', undefined, state.signal.reason);
        throw error;
      }
      const retryable =
        attempt < maxAttempts && !(error instanceof StepValidationError) && (retry?.retryOn?.(error) ?? true);
      if (!retryable) {
        finish('error', undefined, error);
        throw new StepFailure(step.id, error);
      }
      const delayMs = (retry?.delayMs ?? 0) * 2 ** (attempt - 1);
      if (state.listening)
        state.emit({
          ...location,
          type: 'step-retry',
          attempt: attempt + 1,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
      if (delayMs > 0) await state.sleep(delayMs, state.signal);
    }
  }
}
