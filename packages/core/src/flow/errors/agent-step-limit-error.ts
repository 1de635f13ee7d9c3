import type { BaseMessage } from '@langchain/core/messages';
import { TokenflowError } from '../../errors/tokenflow-error.js';
import type { TokenUsage } from '../../models/token-usage.js';

/** An agent used all its model turns without giving a final answer. Carries the whole transcript. */
export class AgentStepLimitError extends TokenflowError {
  readonly stepId: string;
  readonly maxSteps: number;
  readonly transcript: BaseMessage[];
  readonly toolCalls: number;
  readonly usage: TokenUsage;
  readonly costUsd: number;

  constructor(data: {
    stepId: string;
    maxSteps: number;
    transcript: BaseMessage[];
    toolCalls: number;
    usage: TokenUsage;
    costUsd: number;
  }) {
    super(
      'agent_step_limit',
      `Agent step "${data.stepId}" reached its limit of ${data.maxSteps} model turns (${data.toolCalls} tool calls) ` +
        'without a final answer. Raise maxSteps, or make the task or the tools more direct.',
    );
    this.name = 'AgentStepLimitError';
    this.stepId = data.stepId;
    this.maxSteps = data.maxSteps;
    this.transcript = data.transcript;
    this.toolCalls = data.toolCalls;
    this.usage = data.usage;
    this.costUsd = data.costUsd;
  }
}
