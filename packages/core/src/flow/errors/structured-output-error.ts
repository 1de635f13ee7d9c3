import { TokenflowError } from '../../errors/tokenflow-error.js';
import type { TokenUsage } from '../../models/token-usage.js';
import type { ValidationIssue } from './step-validation-error.js';
import { formatPath } from './step-validation-error.js';

/** One answer that did not pass: which model gave it, its raw text and what was wrong. */
export interface StructuredOutputAttempt {
  model: string;
  rawText: string;
  /** `invalid-json` when the text did not parse, `schema-mismatch` when zod rejected the value. */
  problem: 'invalid-json' | 'schema-mismatch' | 'empty';
  issues: ValidationIssue[];
}

/**
 * An `llm` (or `agent`) step never produced a valid structured answer: repairs on every model of the
 * escalation chain were used up. Carries the last raw text, its issues, every attempt and what it cost.
 */
export class StructuredOutputError extends TokenflowError {
  readonly stepId: string;
  readonly rawText: string;
  readonly issues: ValidationIssue[];
  readonly attempts: StructuredOutputAttempt[];
  readonly models: string[];
  readonly usage: TokenUsage;
  readonly costUsd: number;

  constructor(data: {
    stepId: string;
    attempts: StructuredOutputAttempt[];
    usage: TokenUsage;
    costUsd: number;
  }) {
    const last = data.attempts.at(-1);
    const models = [...new Set(data.attempts.map((attempt) => attempt.model))];
    const issueText = (last?.issues ?? [])
      .slice(0, 3)
      .map((issue) => `${formatPath(issue.path)}: expected ${issue.expected}, found ${issue.found}`)
      .join('; ');
    super(
      'structured_output',
      `Step "${data.stepId}": no valid structured answer after ${data.attempts.length} attempts on ${models.join(', ')} ` +
        `(last problem: ${last?.problem ?? 'none'}${issueText ? `: ${issueText}` : ''}). ` +
        'Loosen the output schema, make the prompt more precise, or raise repair.maxAttempts.',
    );
    this.name = 'StructuredOutputError';
    this.stepId = data.stepId;
    this.rawText = last?.rawText ?? '';
    this.issues = last?.issues ?? [];
    this.attempts = data.attempts;
    this.models = models;
    this.usage = data.usage;
    this.costUsd = data.costUsd;
  }
}
