import type { ErrorSummary } from '../gateway/gateway-events.js';
import type { TokenUsage } from '../models/token-usage.js';
import type { StepKind } from './run-result.js';

/** Where an event happened: the step id and its path (`summarize[3]` inside a map). */
export interface StepLocation {
  runId: string;
  stepId: string;
  path: string;
}

/**
 * Everything a run reports, in order, as typed events (noun-then-verb names). `stream()` yields them;
 * `run(input, { onEvent })` delivers them to a callback.
 */
export type FlowEvent =
  | { type: 'run-start'; runId: string; pipelineId: string; startedAt: number }
  | (StepLocation & { type: 'step-start'; kind: StepKind })
  /**
   * Answer text as the model streams it (`stream()` only). `restart: true` means the gateway restarted a
   * broken stream: drop the text of this call received so far, this delta starts the answer again.
   */
  | (StepLocation & { type: 'text-delta'; model: string; text: string; restart?: true })
  /** A model answered (each agent turn, each repair): which model, what it used and cost. */
  | (StepLocation & {
      type: 'model-response';
      model: string;
      usage: TokenUsage;
      costUsd: number;
      /** HTTP attempts behind this answer (gateway retries included). */
      attempts: number;
      toolCalls: number;
    })
  | (StepLocation & { type: 'tool-call'; toolCallId: string; name: string; args: unknown; turn: number })
  | (StepLocation & {
      type: 'tool-result';
      toolCallId: string;
      name: string;
      status: 'success' | 'error';
      /** What went back to the model (tool output, or the error text it was shown). */
      content: string;
      turn: number;
    })
  | (StepLocation & {
      type: 'model-retry';
      model: string;
      attempt: number;
      delayMs: number;
      error: ErrorSummary;
    })
  | (StepLocation & {
      type: 'model-fallback';
      from: string;
      to: string;
      /** A gateway reason (`overloaded`, `quota_exhausted`, ...) or `invalid-output` for structured-output escalation. */
      reason: string;
    })
  /** A structured answer failed validation and the model is asked to repair it. */
  | (StepLocation & { type: 'output-repair'; model: string; attempt: number; issues: string[] })
  /** A non-model step failed and will be tried again. */
  | (StepLocation & { type: 'step-retry'; attempt: number; delayMs: number; error: string })
  | (StepLocation & {
      type: 'step-end';
      kind: StepKind;
      status: 'success' | 'error' | 'cancelled';
      usage: TokenUsage;
      costUsd: number;
      durationMs: number;
      error?: string;
    })
  | {
      type: 'run-end';
      runId: string;
      pipelineId: string;
      status: 'success' | 'error' | 'cancelled';
      usage: TokenUsage;
      costUsd: number;
      durationMs: number;
      error?: string;
    };

export type FlowEventType = FlowEvent['type'];

export type FlowEventListener = (event: FlowEvent) => void;
