import { TokenflowError } from '../errors/tokenflow-error.js';

/** Thrown instead of starting a model request once the gateway's spend has reached its USD budget. */
export class BudgetExceededError extends TokenflowError {
  /** USD spent through this gateway so far. */
  readonly spentUsd: number;
  /** The configured cap (`budget.maxCostUsd`). */
  readonly maxCostUsd: number;
  /** USD expected for the calls in flight when this one was refused (they count against the cap). */
  readonly reservedUsd: number;
  /** The model the refused call asked for. */
  readonly model: string;

  constructor(data: { spentUsd: number; reservedUsd?: number; maxCostUsd: number; model: string }) {
    super(
      'budget_exceeded',
      `Refused a ${data.model} call: this gateway has spent $${data.spentUsd.toFixed(4)}` +
        (data.reservedUsd
          ? ` (and calls in flight are expected to cost $${data.reservedUsd.toFixed(4)} more)`
          : '') +
        ` of its $${data.maxCostUsd.toFixed(4)} budget (\`budget.maxCostUsd\`). Raise the budget or start a new ` +
        'gateway to spend more; calls already answered are kept.',
    );
    this.name = 'BudgetExceededError';
    this.spentUsd = data.spentUsd;
    this.maxCostUsd = data.maxCostUsd;
    this.reservedUsd = data.reservedUsd ?? 0;
    this.model = data.model;
  }

  /** Plain data for logs and error files. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      spentUsd: this.spentUsd,
      maxCostUsd: this.maxCostUsd,
      reservedUsd: this.reservedUsd,
      model: this.model,
    };
  }
}
