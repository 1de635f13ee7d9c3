import { raceAbort } from '../async/race-abort.js';
import { addUsage, emptyUsage } from '../models/token-usage.js';
import { StepTimeoutError } from './errors/step-timeout-error.js';
import { StepValidationError } from './errors/step-validation-error.js';
import type { RunContext, StepDefinition, StepNode, StepRunContext } from './pipeline-definition.js';
import { runAgentStep } from './run-agent-step.js';
import { runLlmStep } from './run-llm-step.js';
import type { StepRecord } from './run-result.js';
import type { RunState, Scope } from './run-state.js';
import { StepFailure, stepPath } from './run-state.js';
import { runToolStep } from './run-tool-step.js';
import type { StepExecution, StepMeter } from './step-execution.js';
import { StepRun } from './step-run.js';
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

function newMeter(): StepMeter {
  return { usage: { ...emptyUsage }, costUsd: 0, attempts: 0, models: [], transcript: [] };
}

/** A signal that never aborts, for runs nobody can cancel (no listeners, no racing). */
export const neverAborted: AbortSignal = new AbortController().signal;

/**
 * The signal of one try of a step with a timeout: a controller that the run signal and the timer both
 * abort. A step without a timeout (the common case) tries under the run signal itself, with nothing to
 * build or release.
 */
function timedSignal(
  step: StepDefinition,
  timeoutMs: number,
  runSignal: AbortSignal,
): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const forward = (): void => controller.abort(runSignal.reason);
  if (runSignal.aborted) forward();
  else runSignal.addEventListener('abort', forward, { once: true });
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
  execution: StepRun,
  runSignal: AbortSignal,
  attempt: number,
): Promise<unknown> {
  const timed = step.timeoutMs === undefined ? undefined : timedSignal(step, step.timeoutMs, runSignal);
  const signal = timed === undefined ? runSignal : timed.signal;
  try {
    const input = await validateValue(step.input, rawInput, step.id, 'input');
    // Never start work that was cancelled while the input was being checked.
    signal.throwIfAborted();
    // The run's own execution when the try has no timeout of its own: no copy per try.
    const full = timed === undefined ? execution : execution.withSignal(signal);
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
    timed?.release();
  }
}

/** Adds a finished step's usage to the run, keeps its record and reports `step-end`. */
function finishStep(
  state: RunState,
  step: StepDefinition,
  execution: StepRun,
  startedAt: number,
  status: 'success' | 'error' | 'cancelled',
  output: unknown,
  error?: unknown,
): void {
  const meter = execution.meter;
  const durationMs = state.now() - startedAt;
  const message = error === undefined ? undefined : error instanceof Error ? error.message : String(error);
  state.usage = addUsage(state.usage, meter.usage);
  state.costUsd += meter.costUsd;
  // Built by assignment, in the order a spread would give: conditional spreads cost a copy each.
  const record: StepRecord = { stepId: step.id, kind: step.kind, path: execution.path, status } as StepRecord;
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
    runId: state.runId,
    stepId: step.id,
    path: execution.path,
    type: 'step-end',
    kind: step.kind,
    status,
    usage: meter.usage,
    costUsd: meter.costUsd,
    durationMs,
    ...(message === undefined ? {} : { error: message }),
  });
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
  state.signal.throwIfAborted();
  const startedAt = state.now();
  if (state.listening)
    state.emit({ runId: state.runId, stepId: step.id, path, type: 'step-start', kind: step.kind });
  const execution = new StepRun(state, step.id, path, context, newMeter());
  const meter = execution.meter;
  const retry = step.kind === 'function' || step.kind === 'tool' ? step.retry : undefined;
  const maxAttempts = Math.max(1, retry?.maxAttempts ?? 1);
  let rawInput: unknown;
  try {
    rawInput = node.input ? node.input(context) : context.last;
  } catch (error) {
    finishStep(state, step, execution, startedAt, 'error', undefined, error);
    throw new StepFailure(step.id, error);
  }
  for (let attempt = 1; ; attempt += 1) {
    if (step.kind === 'function' || step.kind === 'tool') meter.attempts = attempt;
    try {
      const output = await tryStep(step, rawInput, execution, state.signal, attempt);
      scope.steps[step.id] = output;
      finishStep(state, step, execution, startedAt, 'success', output);
      return output;
    } catch (error) {
      if (state.signal.aborted) {
        finishStep(state, step, execution, startedAt, 'cancelled', undefined, state.signal.reason);
        throw error;
      }
      const retryable =
        attempt < maxAttempts && !(error instanceof StepValidationError) && (retry?.retryOn?.(error) ?? true);
      if (!retryable) {
        finishStep(state, step, execution, startedAt, 'error', undefined, error);
        throw new StepFailure(step.id, error);
      }
      const delayMs = (retry?.delayMs ?? 0) * 2 ** (attempt - 1);
      if (state.listening)
        state.emit({
          runId: state.runId,
          stepId: step.id,
          path,
          type: 'step-retry',
          attempt: attempt + 1,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
      if (delayMs > 0) await state.sleep(delayMs, state.signal);
    }
  }
}
