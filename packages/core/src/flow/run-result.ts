import type { BaseMessage } from '@langchain/core/messages';
import type { TokenUsage } from '../models/token-usage.js';

/** The kinds of step the runner knows (`StepDefinition['kind']`). */
export type StepKind = 'function' | 'llm' | 'tool' | 'agent';

/** What one finished (or failed) step did: the basis of per-step usage, cost and debugging. */
export interface StepRecord {
  stepId: string;
  kind: StepKind;
  /** Where in the run: the step id, with the element index inside maps (`summarize[3]`). */
  path: string;
  status: 'success' | 'error' | 'cancelled';
  /** The step output (absent on failure). */
  output?: unknown;
  /**
   * Tries of a function/tool step; for llm/agent steps the HTTP attempts of all their model calls
   * (gateway retries, repairs, escalations and truncation retries included).
   */
  attempts: number;
  /** Models that answered, in order (llm and agent steps). */
  models: string[];
  /** Tokens over every model call of the step, thinking included in `outputTokens` and `reasoningTokens`. */
  usage: TokenUsage;
  costUsd: number;
  startedAt: number;
  durationMs: number;
  /** The messages exchanged with the model (llm and agent steps), unmodified. */
  transcript?: BaseMessage[];
  /** The failure, as a message (never a secret). */
  error?: string;
}

/** What `run()` returns besides the output. `Steps` is the typed record of results by step id. */
export interface RunResult<Output = unknown, Steps = Record<string, unknown>> {
  runId: string;
  pipelineId: string;
  output: Output;
  /** Every step's output by id (a map's id holds the array; an untaken branch's steps are absent). */
  steps: Steps;
  /** One record per step run, in completion order. */
  records: StepRecord[];
  /** Totals over the run, thinking tokens included. */
  usage: TokenUsage;
  costUsd: number;
  durationMs: number;
}
